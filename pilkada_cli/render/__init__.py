"""Turn the provincial picture into files: the briefing (Markdown, Word) and the recap (xlsx, JSON).

Each renderer is a function from the picture (or its text view) to bytes; the command
writes the bytes. Templates live in the top-level `templates/` folder, which staff may
copy and point the config's `templates:` setting at.
"""
