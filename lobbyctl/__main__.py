from lobbyctl.cli import main

main()
