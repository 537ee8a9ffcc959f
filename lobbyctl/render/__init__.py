"""Drawing reports: text, Markdown, CSV and JSON, and the monthly form's templates."""
