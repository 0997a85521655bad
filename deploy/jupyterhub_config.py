"""JupyterHub for an rnn-course class on one machine: the configuration the hub test runs.

    jupyterhub -f deploy/jupyterhub_config.py

Learners' single-user JupyterLab servers run on this machine, each in its own home folder,
and share nbgrader's exchange with the instructor. Set by environment variables (the
defaults are a server's; autograder/tests/test_jupyterhub.py sets every one on loopback):

  RNN_COURSE_HUB_STATE     the hub's database, cookie secret and proxy pid   (/srv/jupyterhub)
  RNN_COURSE_HUB_URL       where people open the hub                         (http://127.0.0.1:8000)
  RNN_COURSE_HUB_API_PORT  the hub's own port, and the proxy's API on the next one (8081)
  RNN_COURSE_HUB_USERS     who may log in, separated by spaces; the first is the instructor
  RNN_COURSE_HUB_SINGLEUSER   the learners' jupyterhub-singleuser: on a server, in an environment
                           built from the learner bundle, never the instructor's .venv (its
                           editable install points into the private repository); by default
                           the one next to this hub's Python (the test's)
  RNN_COURSE_LEARNER_JUPYTER  the learners' JUPYTER_CONFIG_DIR, written by
                           `python -m autograder.learner_bundle FOLDER EXCHANGE_ROOT`
                           (the Assignments panel on, the instructor's panels off)
  RNN_COURSE_HUB_TEST_PASSWORD  only for tests: every user logs in with this password and
                           every server runs as the hub's own Unix account, with homes in
                           RNN_COURSE_HUB_HOMES/<user>. Unset, users log in with their Unix
                           password (PAM) and each server runs as its own Unix user.

The proxy is configurable-http-proxy (Debian's node-configurable-http-proxy, or npm's
configurable-http-proxy); Debian's keeps its modules in /usr/share/nodejs, which a Node.js
from elsewhere is told with NODE_PATH.
"""

import os
import sys

c = get_config()  # noqa: F821 (defined by JupyterHub when it reads this file)
environ = os.environ
state = environ.get("RNN_COURSE_HUB_STATE", "/srv/jupyterhub")
api_port = int(environ.get("RNN_COURSE_HUB_API_PORT", "8081"))
users = environ.get("RNN_COURSE_HUB_USERS", "instructor").split()

c.JupyterHub.bind_url = environ.get("RNN_COURSE_HUB_URL", "http://127.0.0.1:8000")
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{api_port}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{api_port + 1}"
c.ConfigurableHTTPProxy.pid_file = os.path.join(state, "proxy.pid")
c.JupyterHub.db_url = "sqlite:///" + os.path.join(state, "jupyterhub.sqlite")
c.JupyterHub.cookie_secret_file = os.path.join(state, "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = os.path.join(state, "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True  # the servers stop with the hub

c.Authenticator.allowed_users = set(users)
c.Authenticator.admin_users = {users[0]}

# Every learner's server: JupyterLab from the learners' environment, with the learners' settings.
c.Spawner.cmd = [environ.get("RNN_COURSE_HUB_SINGLEUSER",
                             os.path.join(os.path.dirname(sys.executable), "jupyterhub-singleuser"))]
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
# What a server keeps of the hub's environment; RNN_COURSE_QUICK (the test's) shortens training.
c.Spawner.env_keep = ["PATH", "PYTHONPATH", "VIRTUAL_ENV", "LANG", "LC_ALL", "RNN_COURSE_QUICK"]
c.Spawner.environment = {"JUPYTER_CONFIG_DIR": environ.get("RNN_COURSE_LEARNER_JUPYTER", "/etc/rnn-course/jupyter")}
if environ.get("RNN_COURSE_HUB_TEST_PASSWORD"):
    c.JupyterHub.authenticator_class = "dummy"
    c.DummyAuthenticator.password = environ["RNN_COURSE_HUB_TEST_PASSWORD"]
    c.JupyterHub.spawner_class = "simple"
    c.SimpleLocalProcessSpawner.home_dir_template = os.path.join(environ["RNN_COURSE_HUB_HOMES"], "{username}")
    if os.geteuid() == 0:  # the servers run as the hub's account: root in CI
        c.Spawner.args = ["--allow-root"]
