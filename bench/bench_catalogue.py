"""Catalogue search over 5,000 generated procedures, against the same query in raw SQL.

The page and the API run two queries for a page of results (a count and the page itself,
plus one prefetch of levels); the raw SQL baseline runs the same count and page queries
with no ORM. The ratio shows what the ORM and the API layer cost on top of the database.
"""

from django.db import connection
from django.test import Client

from bench.timing import best_seconds, row

TARGET = 5_000
QUERIES = ["khai sinh", "dang ky", "giay phep lai xe", "1.00"]


def ensure_procedures(target: int = TARGET) -> None:
    """Top the benchmark database up to `target` procedures with realistic names."""
    from procedures.models import Field, Level, Procedure, ProcedureLevel
    from procedures.search import searchable_text

    start = Procedure.objects.count()
    if start >= target:
        return
    verbs = ["Đăng ký", "Cấp", "Cấp lại", "Gia hạn", "Thay đổi", "Xác nhận", "Chứng thực"]
    things = [
        "khai sinh",
        "kết hôn",
        "giấy phép lái xe",
        "hộ chiếu",
        "quyền sử dụng đất",
        "lý lịch tư pháp",
        "giấy phép xây dựng",
        "thường trú",
        "con dấu",
        "hộ kinh doanh",
    ]
    fields = [
        Field.objects.get_or_create(code=f"bench-{n}", defaults={"name": f"Lĩnh vực {n}"})[0]
        for n in range(20)
    ]
    procedures = []
    for n in range(start, target):
        code, name = f"8.{n:06d}", f"{verbs[n % 7]} {things[n % 10]} (mẫu {n})"
        procedures.append(
            Procedure(
                code=code,
                name=name,
                field=fields[n % 20],
                online_mode=["full", "partial", "offline"][n % 3],
                search_text=searchable_text(code, name),  # bulk_create bypasses save()
            )
        )
    created = Procedure.objects.bulk_create(procedures, batch_size=1000)
    levels = [Level.PROVINCE, Level.COMMUNE]
    ProcedureLevel.objects.bulk_create(
        [ProcedureLevel(procedure=p, level=levels[i % 2]) for i, p in enumerate(created)],
        batch_size=2000,
    )


def raw_search(folded_words: list[str]) -> None:
    """The page's three queries (count, page with field, levels of the page) in plain SQL."""
    where = " AND ".join(["p.search_text LIKE %s"] * len(folded_words))
    params = [f"% {word}%" for word in folded_words]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*) FROM procedures_procedure p WHERE p.is_published AND {where}",
            params,
        )
        cursor.fetchone()
        cursor.execute(
            "SELECT p.id, p.code, p.name, f.code, f.name, p.online_mode "
            "FROM procedures_procedure p JOIN procedures_field f ON f.id = p.field_id "
            f"WHERE p.is_published AND {where} "
            "ORDER BY p.is_frequent DESC, LENGTH(p.name), p.code LIMIT 20",
            params,
        )
        ids = [found[0] for found in cursor.fetchall()] or [0]
        marks = ", ".join(["%s"] * len(ids))
        cursor.execute(
            f"SELECT procedure_id, level FROM procedures_procedurelevel "
            f"WHERE procedure_id IN ({marks})",
            ids,
        )
        cursor.fetchall()


def orm_search(query: str) -> None:
    from django.core.paginator import Paginator

    from procedures.models import Procedure

    queryset = (
        Procedure.objects.published()
        .search(query)
        .select_related("field")
        .prefetch_related("levels")
    )
    list(Paginator(queryset, 20).get_page(1))


def main() -> None:
    from onestop.text import fold

    ensure_procedures()
    client = Client()
    print(f"  {TARGET} procedures; best of 7 x 20 calls per query")
    for query in QUERIES:
        words = fold(query).split()
        sql = best_seconds(lambda words=words: raw_search(words))
        orm = best_seconds(lambda query=query: orm_search(query))
        api = best_seconds(
            lambda query=query: client.get("/api/v1/procedures/", {"q": query}), number=10
        )
        page = best_seconds(lambda query=query: client.get("/thu-tuc/", {"q": query}), number=10)
        print(f"  q={query!r}")
        print(row("raw SQL (count + page + levels)", sql))
        print(row("ORM queryset (same page)", orm, sql))
        print(row("GET /api/v1/procedures/", api, sql))
        print(row("GET /thu-tuc/ (search page)", page, sql))
