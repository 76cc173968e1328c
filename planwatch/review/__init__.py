"""Figures read by OCR that a person must check ("Số liệu cần đối chiếu"): why each is doubted, the list, and the
confirmation or correction that settles it."""
