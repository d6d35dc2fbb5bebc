"""The Textual side of reader: it renders and navigates an Analysis, it never computes one."""
