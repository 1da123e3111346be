"""Freed heap memory handed back after the big loads."""
from geobrief import memory


def test_release_free_memory_returns_a_flag_and_can_be_called_again():
    import platform

    if platform.system() == "Linux" and platform.libc_ver()[0] == "glibc":
        assert memory._trim() is not None
    first = memory.release_free_memory()
    assert isinstance(first, bool)
    assert memory.release_free_memory() in (True, False)


def test_release_free_memory_without_glibc_does_nothing(monkeypatch):
    monkeypatch.setattr(memory, "_trim", lambda: None)
    assert memory.release_free_memory() is False
