"""The pinned environment: requirements.txt and environment.yml agree, and pin what matters."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s;#]+)$")


def requirement_pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        match = PIN.match(line)
        assert match, f"requirements.txt: {line!r} is not an exact pin (name==version)"
        pins[match.group(1).lower().replace("_", "-")] = match.group(2)
    return pins


def conda_pip_pins() -> dict[str, str]:
    pins = {}
    in_pip = False
    for line in (ROOT / "environment.yml").read_text().splitlines():
        stripped = line.split("#", 1)[0].strip()
        if stripped == "- pip:":
            in_pip = True
            continue
        if in_pip and stripped.startswith("- "):
            entry = stripped[2:].strip()
            match = PIN.match(entry)
            if match:
                pins[match.group(1).lower().replace("_", "-")] = match.group(2)
            else:
                assert entry == "-e .", f"environment.yml: unexpected pip entry {entry!r}"
    return pins


def test_environment_yml_pins_equal_requirements():
    requirements, conda = requirement_pins(), conda_pip_pins()
    only_req = {k: v for k, v in requirements.items() if conda.get(k) != v}
    only_conda = {k: v for k, v in conda.items() if requirements.get(k) != v}
    assert not only_req and not only_conda, (
        f"requirements.txt and environment.yml disagree: requirements.txt has {only_req}, "
        f"environment.yml has {only_conda}"
    )


def test_the_installed_torch_is_the_pinned_cpu_build():
    """The torch that imports is the one both files pin, built for the CPU (no CUDA libraries)."""
    from importlib.metadata import version

    import torch

    pin = requirement_pins()["torch"]
    assert conda_pip_pins()["torch"] == pin, "environment.yml pins another torch than requirements.txt"
    # a local version suffix ("+cpu") names the build, not the release
    assert version("torch").split("+")[0] == pin, f"torch {version('torch')} is installed, the pin is {pin}"
    assert torch.__version__.split("+")[0] == pin, f"torch {torch.__version__} imports, the pin is {pin}"
    assert torch.version.cuda is None, f"the CUDA {torch.version.cuda} build of torch is installed"


def test_nbgrader_is_0_9_with_sqlalchemy_below_2_1():
    pins = requirement_pins()
    assert pins["nbgrader"].startswith("0.9.")
    major, minor = (int(x) for x in pins["sqlalchemy"].split(".")[:2])
    assert (major, minor) < (2, 1), "nbgrader's gradebook emits session warnings on SQLAlchemy 2.1"


def test_installed_versions_match_the_pins():
    from importlib.metadata import version

    wrong = {name: (pin, version(name)) for name, pin in requirement_pins().items()
             if version(name).split("+")[0] != pin}
    assert not wrong, f"installed versions differ from the pins (pin, installed): {wrong}"
