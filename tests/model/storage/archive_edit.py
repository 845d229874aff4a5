"""Test helper: copy a model or session archive with its metadata and/or arrays edited."""

import json

from model.storage import safe_files


def rewrite_archive(path, out, edit_meta=None, edit_arrays=None):
    """Copy the archive at ``path`` to ``out``, calling ``edit_meta(meta)`` and ``edit_arrays(arrays)``
    on the way (the manifest is rewritten to match the edited arrays)."""
    arrays = safe_files.read_npz(path)
    meta = json.loads(str(arrays.pop("meta")[()]))
    if edit_meta:
        edit_meta(meta)
    if edit_arrays:
        edit_arrays(arrays)
    fmt, version = meta.pop("format"), meta.pop("version")
    meta.pop("arrays")
    safe_files.write_archive(out, fmt, version, meta, arrays)
