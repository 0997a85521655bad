"""A whole grading run against a real PostgreSQL gradebook (RNN_COURSE_DB_URL=postgresql://...).

The test starts its own PostgreSQL server from the system packages (`make test` installs them),
on a Unix socket in a temporary directory, with trust authentication, and stops it afterwards.
PostgreSQL refuses to run as root, so under root (CI) the server runs as the `postgres` user.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from autograder.course import repo_course, scratch_course
from autograder.grading import GRADED, autograde_all
from autograder.proof import EXAMPLE, lesson_with_role, load_proof
from autograder.release import build_release
from autograder.report import grade_rows
from autograder.submissions import write_submission

from .expected import lesson_points

# runuser (util-linux) starts the server as `postgres` under root.
pytestmark = [pytest.mark.slow, pytest.mark.needs_system("postgresql", "util-linux")]
LESSON = lesson_with_role(repo_course(), EXAMPLE)


def _postgres_binary(name: str) -> str:
    found = shutil.which(name) or next(iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None)
    if not found:
        pytest.fail(f"PostgreSQL's {name} was not found: install the `postgresql` system package "
                    "(`make test` does it with apt-get)")
    return found


@pytest.fixture
def postgres_url():
    # Not under pytest's tmp_path: its root-only parent folder would keep the postgres user out.
    home = Path(tempfile.mkdtemp(prefix="rnn-course-postgres-"))
    data = home / "data"
    data.mkdir()
    as_user = []
    if os.geteuid() == 0:
        shutil.chown(home, "postgres")
        shutil.chown(data, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    def run(*command):
        return subprocess.run([*as_user, *command], capture_output=True, text=True, timeout=120, check=True)

    run(_postgres_binary("initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
    # No TCP port at all (listen_addresses empty): the server listens on a Unix socket in its own
    # folder, which no other server on this machine can take, where a free TCP port found by
    # binding and releasing it could be taken before PostgreSQL binds it.
    run(_postgres_binary("pg_ctl"), "-D", str(data), "-l", str(data / "server.log"), "-w", "start",
        "-o", f"-c listen_addresses='' -k {data}")
    try:
        # pg_ctl -w has waited until the server accepts connections
        run(_postgres_binary("createdb"), "-h", str(data), "-U", "postgres", "gradebook")
        yield f"postgresql://postgres@/gradebook?host={data}"
    finally:
        run(_postgres_binary("pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop")
        shutil.rmtree(home, ignore_errors=True)


def test_a_class_is_graded_into_postgresql_and_regrading_keeps_one_row_each(postgres_url, tmp_path, monkeypatch):
    import psycopg2

    monkeypatch.setenv("RNN_COURSE_DB_URL", postgres_url)
    course = scratch_course(tmp_path / "course")
    build_release(course, [LESSON])
    write_submission(course, "ada", LESSON)
    write_submission(course, "ben", LESSON, answers={})
    write_submission(course, "cleo", LESSON, edit=load_proof(course, LESSON).wrong_answers[0])
    write_submission(course, "dev", LESSON).write_text("{ not json")

    # three workers, each with a private gradebook; this process alone writes PostgreSQL
    first = autograde_all(course, progress=False, workers=3)
    assert [r.status for r in first if r.student != "dev"] == [GRADED] * 3
    again = autograde_all(course, students=["ada"], progress=False)      # a regrade
    assert again[0].status == GRADED

    rows = {row.student: row for row in grade_rows(course)}
    assert rows["ada"].score == rows["ada"].max_score == lesson_points(course, LESSON)
    assert rows["ben"].score == 0 and rows["dev"].score == 0
    assert 0 < rows["cleo"].score < rows["cleo"].max_score
    assert not (course.root / "gradebook.db").exists(), "the grades must go to PostgreSQL, not SQLite"
    with psycopg2.connect(postgres_url) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT student_id, count(*) FROM submitted_assignment GROUP BY student_id ORDER BY student_id")
        assert cursor.fetchall() == [("ada", 1), ("ben", 1), ("cleo", 1), ("dev", 1)]
