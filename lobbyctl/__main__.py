from lobbyctl.cli.main import main

main()
