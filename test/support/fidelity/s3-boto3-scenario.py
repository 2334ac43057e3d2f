"""boto3 against an S3 endpoint: put objects, list them with the paginator, read them back. Prints one JSON result.

Reads the endpoint, region and credentials from the environment (BULKHEAD_S3_ENDPOINT, AWS_*), and the bucket name from
argv[1]. Written for the local cloud's fidelity tests; it runs unchanged against moto or real S3.
"""
import json
import os
import sys

import boto3
import botocore.exceptions

bucket = sys.argv[1]
s3 = boto3.client("s3", endpoint_url=os.environ["BULKHEAD_S3_ENDPOINT"])
s3.create_bucket(Bucket=bucket)
for i in range(23):
    s3.put_object(Bucket=bucket, Key=f"logs/{i:02d}.json", Body=json.dumps({"n": i}).encode())
s3.put_object(Bucket=bucket, Key="readme.txt", Body=b"hi")
pages = []
for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix="logs/", PaginationConfig={"PageSize": 10}):
    pages.append([o["Key"] for o in page.get("Contents", [])])
top = s3.list_objects_v2(Bucket=bucket, Delimiter="/")
body = json.loads(s3.get_object(Bucket=bucket, Key="logs/07.json")["Body"].read())
try:
    s3.get_object(Bucket=bucket, Key="logs/missing.json")
    missing = None
except botocore.exceptions.ClientError as e:
    missing = e.response["Error"]["Code"]
print(
    json.dumps(
        {
            "pages": pages,
            "prefixes": [p["Prefix"] for p in top.get("CommonPrefixes", [])],
            "top": [o["Key"] for o in top.get("Contents", [])],
            "body": body,
            "missing": missing,
        }
    )
)
