"""Reading files: .txt/.md, .docx and .pdf into blocks of plain text, after safety checks."""
