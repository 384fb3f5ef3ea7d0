"""Reference signer for SigV4SignerBotocoreTests.

Reads a JSON list of requests on stdin, signs each with botocore's SigV4Auth (S3SigV4Auth for s3)
at a fixed timestamp and prints the resulting headers as a JSON list on stdout.
Exit code 3 when botocore is not importable, so the Swift test can say so plainly.
"""
import base64
import datetime
import json
import sys

try:
    import botocore
    import botocore.auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials
except ImportError as error:
    print(f"botocore is not importable: {error} (pip install botocore==1.43.11)", file=sys.stderr)
    sys.exit(3)


class _S3Config:
    def __init__(self, signing):
        self.s3 = {"payload_signing_enabled": signing}


def sign(case, now):
    credentials = Credentials(case["accessKeyId"], case["secretAccessKey"], case.get("sessionToken"))
    body = base64.b64decode(case["body"])
    request = AWSRequest(method=case["method"], url=case["url"], headers=case["headers"], data=body)
    if case["service"] == "s3":
        signer = botocore.auth.S3SigV4Auth(credentials, "s3", case["region"])
        if case.get("unsigned"):
            request.context["client_config"] = _S3Config(False)
    else:
        signer = botocore.auth.SigV4Auth(credentials, case["service"], case["region"])
        if case.get("unsigned"):
            request.context["payload_signing_enabled"] = False
    botocore.auth.get_current_datetime = lambda: now
    signer.add_auth(request)
    return {k: v for k, v in request.headers.items()}


def main():
    now = datetime.datetime.strptime(sys.argv[1], "%Y%m%dT%H%M%SZ")
    cases = json.load(sys.stdin)
    json.dump({"botocore": botocore.__version__, "results": [sign(c, now) for c in cases]}, sys.stdout)


if __name__ == "__main__":
    main()
