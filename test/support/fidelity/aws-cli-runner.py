"""Runs AWS CLI v1 commands in one long-lived Python process, for the fidelity suites.

Each request is one JSON line on stdin: {"args": [...], "env": {...}}. The process environment is replaced by
"env", a new CLI driver is made (as the `aws` entry point does: a fresh botocore session, config and credentials read
anew), and its stdout and stderr are captured; the answer is one JSON line {"code", "stdout", "stderr"}. What is saved
is the interpreter's start and the imports (about a second of CPU per command); the command itself runs through
the same code as `aws <args>`.
"""
import io
import json
import os
import sys

from awscli.clidriver import create_clidriver

# awscli points botocore at its own data (cli.json and its customizations) through AWS_DATA_PATH when it is imported.
CLI_DATA_PATH = os.environ.get("AWS_DATA_PATH")


def run(args, env):
    os.environ.clear()
    os.environ.update(env)
    if CLI_DATA_PATH is not None:
        given = env.get("AWS_DATA_PATH")
        os.environ["AWS_DATA_PATH"] = CLI_DATA_PATH if not given else os.pathsep.join([given, CLI_DATA_PATH])
    out_bytes, err_bytes = io.BytesIO(), io.BytesIO()
    out = io.TextIOWrapper(out_bytes, encoding="utf-8", write_through=True)
    err = io.TextIOWrapper(err_bytes, encoding="utf-8", write_through=True)
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        code = create_clidriver().main(args)
    except SystemExit as e:  # argparse and a few commands exit instead of returning
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    except Exception as e:  # the CLI's own crash: reported like the entry point would
        err.write(f"\n{type(e).__name__}: {e}\n")
        code = 255
    finally:
        out.flush()
        err.flush()
        sys.stdout, sys.stderr = saved
    return {
        "code": code,
        "stdout": out_bytes.getvalue().decode("utf-8", "replace"),
        "stderr": err_bytes.getvalue().decode("utf-8", "replace"),
    }


def main():
    sys.argv[0] = "aws"  # usage and error lines name the program as the entry point does
    protocol = sys.stdout
    for line in sys.stdin:
        request = json.loads(line)
        answer = run(request["args"], request["env"])
        protocol.write(json.dumps(answer) + "\n")
        protocol.flush()


if __name__ == "__main__":
    main()
