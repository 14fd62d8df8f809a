"""Container health probe: exits 0 when the web process answers a page without a server error."""
import os
import sys
import urllib.error
import urllib.request


def main(url="http://127.0.0.1:8000/admin/login/"):
    # Ask as the first host the site serves, over "HTTPS" as the proxy would say, so
    # neither ALLOWED_HOSTS nor SECURE_SSL_REDIRECT turns a healthy process into a failure.
    hosts = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
    host = next((h.lstrip(".") for h in hosts if h != "*"), "localhost")
    request = urllib.request.Request(url, headers={"Host": host, "X-Forwarded-Proto": "https"})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            status = response.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    except OSError as exc:
        print(f"unhealthy: {url}: {exc}")
        return 1
    print(f"{url} -> {status}")
    return 0 if status < 500 else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:2]))
