"""circom and snarkjs file formats: ``.r1cs``, ``.wtns``, Groth16 ``.zkey`` and the JSON files.

Every reader raises :class:`FormatError` (a :class:`prover.errors.ProofFormatError`) whose message
names the file and the section or field at fault; nothing surfaces as an IndexError or struct.error.

* :func:`read_r1cs`, :func:`write_r1cs` (:mod:`snark.formats.r1cs`);
* :func:`read_wtns`, :func:`read_wtns_limbs`, :func:`write_wtns` (:mod:`snark.formats.wtns`);
* :func:`read_zkey`, :func:`write_zkey` (:mod:`snark.formats.zkey`);
* ``proof.json``, ``public.json``, ``verification_key.json`` (:mod:`snark.formats.json_io`).
"""

from snark.formats.binfile import FormatError
from snark.formats.json_io import (
    read_proof_json,
    read_public_json,
    read_vkey_json,
    write_proof_json,
    write_public_json,
    write_vkey_json,
)
from snark.formats.r1cs import read_r1cs, write_r1cs
from snark.formats.wtns import read_wtns, read_wtns_limbs, write_wtns
from snark.formats.zkey import read_zkey, write_zkey

__all__ = ["FormatError", "read_proof_json", "read_public_json", "read_r1cs", "read_vkey_json",
           "read_wtns", "read_wtns_limbs", "read_zkey", "write_proof_json", "write_public_json",
           "write_r1cs", "write_vkey_json", "write_wtns", "write_zkey"]
