"""Drives the AWS CLI v2's own sign-in code (do_sso_login) against the local cloud.

Debian's awscli 2.9 cannot point `aws sso login` at another endpoint, so this calls the function that command
runs, with a botocore session whose clients are created with endpoint_url set. When the device code is pending,
the handler approves it as `bulkhead local sign-in` does (POST /_bulkhead/sso/approve). The token cache is the
CLI's default (~/.aws/sso/cache under $HOME). Prints the returned token's keys as JSON.

argv: endpoint start_url sso_region session_name user_name
"""
import json
import sys
import time
import urllib.request

import awscli  # noqa: F401  (makes the CLI's vendored botocore importable as `botocore`)
import botocore.session
from awscli.customizations.sso.utils import do_sso_login

endpoint, start_url, sso_region, session_name, user_name = sys.argv[1:6]

session = botocore.session.Session()
create_client = session.create_client


def create_local_client(*args, **kwargs):
    kwargs['endpoint_url'] = endpoint
    return create_client(*args, **kwargs)


session.create_client = create_local_client
pending = []


def approve(**authorization):
    pending.append(authorization)
    # A person takes longer than the polling interval to approve.
    time.sleep(1.1)
    body = json.dumps({'userName': user_name, 'userCode': authorization['userCode']}).encode()
    req = urllib.request.Request(
        endpoint + '/_bulkhead/sso/approve', data=body, headers={'content-type': 'application/json'}
    )
    with urllib.request.urlopen(req) as res:
        json.load(res)


token = do_sso_login(
    session,
    sso_region,
    start_url,
    on_pending_authorization=approve,
    session_name=session_name,
    registration_scopes=['sso:account:access'],
)
print(json.dumps({'keys': sorted(token.keys()), 'pending': [sorted(p.keys()) for p in pending]}))
