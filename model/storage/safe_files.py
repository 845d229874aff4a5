"""Safe file plumbing shared by the model, session and data files: the app's one archive format.

* ``write_npz(file, arrays)``: a ``.npz`` archive (a zip of ``.npy`` files, as
  ``np.savez`` writes) whose bytes depend only on the arrays: entries are
  stored uncompressed with a fixed date (1980-01-01) and fixed attributes, so
  saving the same thing twice gives the same bytes. ``np.load`` reads it.
* ``read_npz(path, error)``: the arrays of a ``.npz`` file without ever
  unpickling. Before ``np.load(path, allow_pickle=False)`` runs, every entry's
  ``.npy`` header is checked: object (pickled) arrays, structured dtypes,
  non-``.npy`` entries, duplicate names and sizes that do not match the data
  are refused, so a hostile or damaged file raises ``error`` (a
  ``FileFormatError``) before any large allocation and nothing in it is executed.
  ``npz_headers`` makes the same checks and gives every array's shape and dtype
  without inflating any; ``read_npz_arrays`` then inflates only the ones asked.
* ``write_archive`` / ``read_archive``: a ``.npz`` with a JSON header entry
  ``meta`` (format name, version, a manifest of every array's dtype and shape,
  and the caller's metadata), checked on reading.

Every archive is written with ``model.storage.atomic_files.atomic_write``: the new file appears complete or not at
all.

Pure Python + NumPy: this module must never import Qt.

The archive is written and read here together, so that the writer and the checks made on reading cannot drift apart.
"""

from __future__ import annotations

import io
import json
import math
import os
import zipfile
from collections.abc import Collection
from typing import Any, BinaryIO

import numpy as np
import numpy.typing as npt
from numpy.lib import format as npy_format

from model.storage.atomic_files import FilePath, atomic_write

#: The zip entry holding the JSON metadata of ``write_archive`` files.
META_KEY = "meta"
#: Fixed timestamp of every zip entry (the earliest a zip file can record).
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
#: dtype kinds an archive may hold: bool, signed/unsigned int, float, unicode string.
ALLOWED_KINDS = "biufU"
#: Default limit on the total (uncompressed) size of an archive's arrays: a round number a person
#: can make sense of, far above any session (a million epochs of history is ~40 MB).
MAX_ARCHIVE_BYTES = 200_000_000


class FileFormatError(ValueError):
    """A file whose contents cannot be read as what it should be.

    ``str(error)`` names the file and the problem, ready for a message box.

    Attributes
    ----------
    path : str, the file
    problem : str, what is wrong with it (without the file name)
    """

    def __init__(self, path: FilePath, problem: str):
        self.path = os.fspath(path)
        self.problem = problem
        super().__init__(f"{os.path.basename(self.path) or self.path}: {problem}")

    def __reduce__(self) -> tuple[Any, ...]:
        # Made again as it is, whatever its class's constructor takes: an error raised where a session lives (the
        # training process) crosses back to the window pickled.
        return _restored, (type(self), self.args, self.__dict__)


def _restored(cls: type[FileFormatError], args: tuple[Any, ...], state: dict[str, Any]) -> FileFormatError:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


# ---------------------------------------------------------------------------------- writing
def write_npz(f: BinaryIO, arrays: dict[str, np.ndarray]) -> None:
    """Write ``arrays`` as a deterministic ``.npz`` archive to the open binary file ``f``.

    Entries appear in the order given, uncompressed, each named ``<key>.npy``
    with a fixed date and attributes. Object arrays are refused (``ValueError``):
    nothing is ever pickled.
    """
    with zipfile.ZipFile(f, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as zf:
        for key, value in arrays.items():
            array = np.asarray(value)
            if array.dtype.hasobject:
                raise ValueError(f"array {key!r} holds Python objects; only plain arrays are saved")
            buffer = io.BytesIO()
            npy_format.write_array(buffer, np.asarray(array, order="C"), allow_pickle=False)
            info = zipfile.ZipInfo(f"{key}.npy", date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_STORED
            info.create_system = 3  # "Unix", whatever the platform writing it
            info.external_attr = 0o644 << 16
            zf.writestr(info, buffer.getvalue())


def json_text(obj: object) -> str:
    """Deterministic JSON: sorted keys, no spaces, non-ASCII kept as is."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def dtype_name(dtype: npt.DTypeLike) -> str:
    """A dtype as the manifest records it, e.g. '<f8', '<U5', '|b1'."""
    return np.dtype(dtype).str


#: More than the bytes an entry of a ``write_npz`` archive takes beside its array's: the ``.npy`` header (about
#: 128 bytes) and the zip's local and central records of it (about 150 bytes and its name twice).
ENTRY_OVERHEAD_BYTES = 1024


def archive_bytes(entries: dict[str, np.ndarray]) -> int:
    """No less than the size of the archive ``write_npz`` writes of ``entries``, and than what its entries say
    they unpack to (the two sizes ``read_archive`` checks against its limit)."""
    return ENTRY_OVERHEAD_BYTES + sum(
        np.asarray(array).nbytes + ENTRY_OVERHEAD_BYTES + 2 * len(key) for key, array in entries.items()
    )


def write_archive(
    path: FilePath,
    fmt: str,
    version: int,
    meta: dict[str, Any],
    arrays: dict[str, np.ndarray],
    max_bytes: int = MAX_ARCHIVE_BYTES,
    error: type[FileFormatError] = FileFormatError,
    what: str = "file",
    parts: str = "",
) -> None:
    """Atomically write a ``.npz`` holding ``arrays`` and a JSON ``meta`` entry.

    The JSON is ``meta`` plus ``format``, ``version`` and ``arrays`` (the
    manifest: for every array its ``dtype`` and ``shape``).

    An archive ``read_archive`` would refuse as larger than ``max_bytes`` (the limit the same ``what`` is read
    with) is not written: ``error`` says so before anything is written, with ``parts`` (what takes the room, in
    words) after the sizes, and any file at ``path`` stays as it was.
    """
    arrays = {key: np.asarray(value, order="C") for key, value in arrays.items()}
    if META_KEY in arrays:
        raise ValueError(f"{META_KEY!r} is reserved for the metadata")
    header = dict(meta)
    header.update(
        format=fmt,
        version=version,
        arrays={key: {"dtype": dtype_name(a.dtype), "shape": list(a.shape)} for key, a in arrays.items()},
    )
    entries = {META_KEY: np.array(json_text(header))}
    entries.update(sorted(arrays.items()))
    size = archive_bytes(entries)
    if size > max_bytes:
        raise error(
            path,
            f"is not saved: the {what} would take {_megabytes(size)}, more than the {_megabytes(max_bytes)} "
            f"a {what} may take to be opened again" + (f" ({parts})" if parts else ""),
        )
    atomic_write(path, lambda f: write_npz(f, entries))


# ---------------------------------------------------------------------------------- reading
def _check_entry(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[tuple[int, ...], np.dtype]:
    """Read one ``.npy`` entry's header and check it describes a plain array that fits the entry."""
    with zf.open(info) as fp:
        version = npy_format.read_magic(fp)
        if version == (1, 0):
            shape, _, dtype = npy_format.read_array_header_1_0(fp)
        elif version == (2, 0):
            shape, _, dtype = npy_format.read_array_header_2_0(fp)
        else:
            raise ValueError(f"unsupported .npy format version {version}")
        header_size = fp.tell()
    name = info.filename
    if dtype.hasobject:
        raise _Refused(
            f"entry {name!r} holds pickled Python objects, which are never loaded (unpickling could run code)"
        )
    if dtype.kind not in ALLOWED_KINDS or dtype.fields is not None or dtype.subdtype is not None:
        raise _Refused(f"entry {name!r} has an unsupported data type {dtype.str!r}")
    if any(d < 0 for d in shape):
        raise _Refused(f"entry {name!r} has a negative dimension in its shape {shape}")
    expected = header_size + math.prod(shape) * dtype.itemsize
    if expected != info.file_size:
        raise _Refused(
            f"entry {name!r} should hold {expected} bytes for shape {shape} and "
            f"dtype {dtype.str}, but holds {info.file_size}"
        )
    return shape, dtype


def _valid_text(array: np.ndarray) -> bool:
    """True when every character of a str array is a Unicode scalar value.

    A .npy file stores UCS-4 code units that NumPy does not check; one above
    U+10FFFF (or a surrogate) makes a Python str that crashes when used.
    """
    codes = np.ascontiguousarray(array).astype(array.dtype.newbyteorder("=")).view(np.uint32)
    return not bool(np.any((codes > 0x10FFFF) | ((codes >= 0xD800) & (codes <= 0xDFFF))))


class _Refused(Exception):
    """Internal: a problem already phrased for the user."""


def _short_detail(exc: BaseException) -> str:
    """What a library said about damaged bytes, cut short (zipfile quotes whole headers in its messages)."""
    detail = str(exc) or type(exc).__name__
    return detail if len(detail) <= 120 else detail[:119] + "…"


def _megabytes(n: int) -> str:
    return f"{n / 1e6:,.0f} MB"


def _inspect(path: str, error: type[FileFormatError], max_bytes: int) -> dict[str, tuple[tuple[int, ...], np.dtype]]:
    """Every entry's shape and dtype, read from the ``.npy`` headers alone (nothing large is inflated).

    Checks the file's size, the zip's names and the sizes its entries declare against
    ``max_bytes``; raises ``error`` for anything else than an archive of plain arrays.
    """
    size = os.path.getsize(path)
    if size > max_bytes:
        raise error(path, f"is too large ({_megabytes(size)}; the limit is {_megabytes(max_bytes)})")
    with open(path, "rb") as f:
        magic = f.read(4)
    if magic != b"PK\x03\x04":
        problem = "is empty" if not magic else "is not a NumPy .npz archive"
        raise error(path, problem)
    # Everything below parses untrusted bytes with zipfile and NumPy, which
    # report damage with many exception types (BadZipFile, ValueError, EOFError,
    # OSError, zlib.error, struct.error, NotImplementedError, RuntimeError for
    # encrypted entries, ...): all of them mean "damaged file".
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            names = [info.filename for info in infos]
            if len(set(names)) != len(names):
                raise _Refused("has two entries with the same name")
            for info in infos:
                if not info.filename.endswith(".npy") or info.filename == ".npy":
                    raise _Refused(f"holds {info.filename!r}, which is not a .npy array")
            total = sum(info.file_size for info in infos)  # as declared; zipfile never inflates past it
            if total > max_bytes:
                raise _Refused(f"unpacks to {_megabytes(total)}; the limit is {_megabytes(max_bytes)}")
            return {info.filename[: -len(".npy")]: _check_entry(zf, info) for info in infos}
    except _Refused as exc:
        raise error(path, str(exc)) from None
    except Exception as exc:
        detail = _short_detail(exc)
        raise error(path, f"is damaged or not a NumPy .npz archive ({detail})") from None


def _inflate(path: str, error: type[FileFormatError], keys: Collection[str] | None = None) -> dict[str, np.ndarray]:
    """The arrays named ``keys`` (all by default) of an archive ``_inspect`` accepted (the others stay packed)."""
    try:
        with np.load(path, allow_pickle=False) as npz:
            arrays = {key: npz[key] for key in npz.files if keys is None or key in keys}
        for key, array in arrays.items():
            if array.dtype.kind == "U" and not _valid_text(array):
                raise _Refused(f"entry {key!r} holds text that is not valid Unicode")
        return arrays
    except _Refused as exc:
        raise error(path, str(exc)) from None
    except Exception as exc:
        detail = _short_detail(exc)
        raise error(path, f"is damaged or not a NumPy .npz archive ({detail})") from None


def read_npz(
    path: FilePath, error: type[FileFormatError] = FileFormatError, max_bytes: int = MAX_ARCHIVE_BYTES
) -> dict[str, np.ndarray]:
    """The arrays of the ``.npz`` file ``path``, by name, never unpickling anything.

    Raises ``error(path, problem)`` for anything but a readable archive of plain
    arrays (bool, int, float, str) within ``max_bytes``; ``OSError`` only when
    the file itself cannot be opened (missing, no permission, a folder).
    """
    path = os.fspath(path)
    _inspect(path, error, max_bytes)
    return _inflate(path, error)


def npz_headers(
    path: FilePath, error: type[FileFormatError] = FileFormatError, max_bytes: int = MAX_ARCHIVE_BYTES
) -> dict[str, tuple[tuple[int, ...], np.dtype]]:
    """Every array's (shape, dtype) in the ``.npz`` file ``path``, by name, after ``read_npz``'s checks, from the
    ``.npy`` headers alone: nothing is inflated, so a caller can refuse arrays by their size before it holds them
    (``read_npz_arrays`` then inflates the ones it wants)."""
    path = os.fspath(path)
    return _inspect(path, error, max_bytes)


def read_npz_arrays(
    path: FilePath, keys: Collection[str], error: type[FileFormatError] = FileFormatError
) -> dict[str, np.ndarray]:
    """The arrays named ``keys`` of an ``.npz`` file ``npz_headers`` accepted, never unpickling anything."""
    return _inflate(os.fspath(path), error, keys)


#: The JSON metadata of an archive is a few kilobytes; more is refused before it is read.
MAX_META_BYTES = 16_000_000


def _read_meta(
    path: str, error: type[FileFormatError], what: str, headers: dict[str, tuple[tuple[int, ...], np.dtype]]
) -> dict[str, Any]:
    """The JSON object of the ``meta`` entry, read alone (the arrays stay packed)."""
    header = headers.get(META_KEY)
    if header is None or header[0] != () or header[1].kind != "U":
        raise error(path, f"is a NumPy archive but not a Neural Playground {what} (no metadata)")
    if header[1].itemsize > MAX_META_BYTES:
        raise error(path, f"has metadata of {_megabytes(header[1].itemsize)}, far more than any {what} holds")
    try:
        with zipfile.ZipFile(path) as zf, zf.open(f"{META_KEY}.npy") as fp:
            meta_array = npy_format.read_array(fp, allow_pickle=False)
        if not _valid_text(meta_array):
            raise ValueError("not valid Unicode")
        meta = json.loads(str(meta_array[()]))
    except (ValueError, RecursionError) as exc:
        raise error(path, f"has unreadable metadata ({exc})") from None
    except Exception as exc:
        detail = _short_detail(exc)
        raise error(path, f"is damaged or not a NumPy .npz archive ({detail})") from None
    if not isinstance(meta, dict):
        raise error(path, "has malformed metadata (not a JSON object)")
    return meta


def read_archive(
    path: FilePath,
    fmt: str,
    version: int,
    error: type[FileFormatError],
    max_bytes: int = MAX_ARCHIVE_BYTES,
    what: str = "file",
) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """Read a ``write_archive`` file: (meta dict, arrays dict), after checking that

    * the file, and what its entries say they unpack to, are within ``max_bytes``,
    * the ``meta`` entry is a JSON object with ``format`` == ``fmt`` and an
      integer ``version`` <= ``version`` (the newest this program reads),
    * the arrays are exactly those of the manifest, with its dtypes and shapes.

    All of that is checked from the zip's directory, the ``.npy`` headers and the
    metadata before any array is inflated: a small file claiming huge arrays, or
    arrays unlike its manifest, costs neither time nor memory.
    ``what`` names the expected kind in messages ("model file", "session file").
    """
    path = os.fspath(path)
    meta = check_archive(path, fmt, version, error, max_bytes, what)
    arrays = _inflate(path, error)
    arrays.pop(META_KEY)
    return meta, arrays


def check_archive(
    path: FilePath,
    fmt: str,
    version: int,
    error: type[FileFormatError],
    max_bytes: int = MAX_ARCHIVE_BYTES,
    what: str = "file",
) -> dict[str, Any]:
    """Every check of ``read_archive`` that needs no array inflated (sizes, format, version, manifest):
    the metadata dict, or ``error``. Quick however large the file: for a first look at a file."""
    path = os.fspath(path)
    headers = _inspect(path, error, max_bytes)
    meta = _read_meta(path, error, what, headers)
    found = meta.get("format")
    if found != fmt:
        if isinstance(found, str) and found.startswith("neural-playground-"):
            kind = found[len("neural-playground-") :]
            raise error(path, f"is a Neural Playground {kind} file, not a {what}")
        raise error(path, f"is not a Neural Playground {what} (format {found!r})")
    found_version = meta.get("version")
    if not isinstance(found_version, int) or isinstance(found_version, bool) or found_version < 1:
        raise error(path, f"has an invalid format version {found_version!r}")
    if found_version > version:
        raise error(
            path,
            f"was written by a newer Neural Playground (format version "
            f"{found_version}; this one reads up to {version})",
        )
    manifest = meta.get("arrays")
    if not isinstance(manifest, dict):
        raise error(path, "has malformed metadata (no array manifest)")
    stored = {key: header for key, header in headers.items() if key != META_KEY}
    if set(manifest) != set(stored):
        missing = sorted(set(manifest) - set(stored))
        extra = sorted(set(stored) - set(manifest))
        parts = ([f"missing arrays {missing}"] if missing else []) + ([f"unexpected arrays {extra}"] if extra else [])
        raise error(path, "does not hold the arrays its metadata lists: " + "; ".join(parts))
    for key, (shape, dtype) in stored.items():
        entry = manifest[key]
        if not isinstance(entry, dict):
            raise error(path, f"has malformed metadata for array {key!r}")
        if entry.get("dtype") != dtype_name(dtype) or entry.get("shape") != list(shape):
            raise error(
                path,
                f"array {key!r} has dtype {dtype.str} and shape "
                f"{list(shape)}, but the metadata says "
                f"{_short(entry.get('dtype'))} and {_short(entry.get('shape'))}",
            )
    return meta


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:59] + "…"


__all__ = [
    "ENTRY_OVERHEAD_BYTES",
    "MAX_ARCHIVE_BYTES",
    "MAX_META_BYTES",
    "META_KEY",
    "FileFormatError",
    "FilePath",
    "archive_bytes",
    "check_archive",
    "dtype_name",
    "json_text",
    "npz_headers",
    "read_archive",
    "read_npz",
    "read_npz_arrays",
    "write_archive",
    "write_npz",
]
