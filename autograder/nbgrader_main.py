"""nbgrader's command line, started without a parser it never uses.

jsonschema (which nbformat validates notebooks with) imports ``rfc3987_syntax`` when that
package is installed, to check strings of the "iri" format, and ``rfc3987_syntax`` builds its
grammar at import: 1.8 s of the 3.4 s that ``nbgrader`` took to start on a 2-core machine, paid
once per graded submission. No notebook schema uses the "iri" format, so the module is marked
absent here; jsonschema then leaves that one check out, as it does where the package is not
installed (it imports it inside ``suppress(ImportError)``).
"""

from __future__ import annotations

import sys

UNUSED_SLOW_IMPORTS = ("rfc3987_syntax",)


def main() -> int:
    for name in UNUSED_SLOW_IMPORTS:
        sys.modules.setdefault(name, None)  # `import name` now raises ImportError at once
    from nbgrader.apps.nbgraderapp import main as nbgrader_main

    return nbgrader_main()


if __name__ == "__main__":
    sys.exit(main())
