import re


def test_openapi_schema_describes_the_catalogue_and_auth(client, db):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    for path in (
        "/api/v1/procedures/",
        "/api/v1/procedures/{code}/",
        "/api/v1/fields/",
        "/api/v1/agencies/",
        "/api/v1/auth/token/",
        "/api/v1/auth/me/",
    ):
        assert path in schema["paths"], path


def test_interactive_docs_load_only_local_assets(client, db):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets, "the docs page should load its scripts"
    assert all(not asset.startswith(("http://", "https://", "//")) for asset in assets), assets
