"""Creates the S3_BUCKET in the S3-compatible store at S3_ENDPOINT_URL if it does not exist yet (idempotent)."""
import os
import sys
import time


def main():
    bucket = os.environ.get("S3_BUCKET", "").strip()
    if not bucket:
        print("S3_BUCKET is not set: uploaded files stay on local disk (MEDIA_ROOT); nothing to create.")
        return 0

    import boto3
    from botocore.exceptions import ClientError, EndpointConnectionError

    endpoint = os.environ.get("S3_ENDPOINT_URL") or None
    region = os.environ.get("S3_REGION_NAME") or None
    client = boto3.client("s3", endpoint_url=endpoint, region_name=region)
    where = endpoint or "AWS S3"

    # The store may still be starting (docker compose): retry for about a minute.
    for attempt in range(30):
        try:
            client.head_bucket(Bucket=bucket)
            print(f"Bucket '{bucket}' already exists at {where}.")
            return 0
        except ClientError as exc:
            status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
            if status != 404:
                print(f"Cannot use bucket '{bucket}' at {where}: {exc}", file=sys.stderr)
                return 1
            break
        except EndpointConnectionError:
            if attempt == 29:
                print(f"No S3-compatible store answers at {where}.", file=sys.stderr)
                return 1
            time.sleep(2)

    options = {}
    if region and region != "us-east-1":
        options["CreateBucketConfiguration"] = {"LocationConstraint": region}
    client.create_bucket(Bucket=bucket, **options)
    print(f"Created bucket '{bucket}' at {where}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
