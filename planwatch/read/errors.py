"""The one error a reader raises: the file is refused, with the reason in Vietnamese and English."""


class RejectedFile(Exception):
    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason
