"""The demo province: a fictional "Hà Nam Ninh" with real-format agency codes.

Agency codes follow the national identifier format of Circular 10/2016/TT-BTTTT
(``000.00.00.H38``); the province and its units are invented, the procedures are real.
"""

from dataclasses import dataclass

from onestop.accounts.roles import Role
from procedures.models import Level

PROVINCE_CODE = "000.00.00.H38"
SERVICE_CENTRE_CODE = "000.00.01.H38"
JUSTICE_CODE = "000.00.11.H38"
AGRICULTURE_CODE = "000.00.13.H38"
POLICE_CODE = "000.00.15.H38"
HOA_LU_CODE = "000.31.00.H38"
GIA_VIEN_CODE = "000.32.00.H38"
# Commune-level civil-status procedures the demo communes' officers carry from submission
# to the result: birth registration and marriage registration (Hộ tịch, cấp xã).
BIRTH_REGISTRATION = "1.001193"
MARRIAGE_REGISTRATION = "1.000894"
COMMUNE_DEMO_PROCEDURES = (BIRTH_REGISTRATION, MARRIAGE_REGISTRATION)


@dataclass(frozen=True)
class DemoAgency:
    code: str
    name: str
    short_name: str
    level: str
    has_one_stop_desk: bool
    parent: str | None = None


AGENCIES = [
    DemoAgency(
        PROVINCE_CODE, "Ủy ban nhân dân tỉnh Hà Nam Ninh", "UBND tỉnh", Level.PROVINCE, False
    ),
    DemoAgency(
        SERVICE_CENTRE_CODE,
        "Trung tâm Phục vụ hành chính công tỉnh Hà Nam Ninh",
        "Trung tâm PVHCC",
        Level.PROVINCE,
        True,
        PROVINCE_CODE,
    ),
    DemoAgency(
        JUSTICE_CODE,
        "Sở Tư pháp tỉnh Hà Nam Ninh",
        "Sở Tư pháp",
        Level.PROVINCE,
        True,
        PROVINCE_CODE,
    ),
    DemoAgency(
        "000.00.12.H38",
        "Sở Xây dựng tỉnh Hà Nam Ninh",
        "Sở Xây dựng",
        Level.PROVINCE,
        True,
        PROVINCE_CODE,
    ),
    DemoAgency(
        AGRICULTURE_CODE,
        "Sở Nông nghiệp và Môi trường tỉnh Hà Nam Ninh",
        "Sở NN&MT",
        Level.PROVINCE,
        True,
        PROVINCE_CODE,
    ),
    DemoAgency(
        "000.00.14.H38", "Sở Y tế tỉnh Hà Nam Ninh", "Sở Y tế", Level.PROVINCE, True, PROVINCE_CODE
    ),
    DemoAgency(
        POLICE_CODE, "Công an tỉnh Hà Nam Ninh", "Công an tỉnh", Level.PROVINCE, True, PROVINCE_CODE
    ),
    DemoAgency(
        HOA_LU_CODE,
        "Ủy ban nhân dân phường Hoa Lư",
        "UBND phường Hoa Lư",
        Level.COMMUNE,
        True,
        PROVINCE_CODE,
    ),
    DemoAgency(
        GIA_VIEN_CODE,
        "Ủy ban nhân dân xã Gia Viễn",
        "UBND xã Gia Viễn",
        Level.COMMUNE,
        True,
        PROVINCE_CODE,
    ),
    DemoAgency(
        "000.33.00.H38",
        "Ủy ban nhân dân xã Kim Sơn",
        "UBND xã Kim Sơn",
        Level.COMMUNE,
        True,
        PROVINCE_CODE,
    ),
]

COMMUNE_CODES = [agency.code for agency in AGENCIES if agency.level == Level.COMMUNE]

# Which department handles a field's province-level procedures (by field name, as published).
JUSTICE_FIELDS = {
    "Công chứng",
    "Hộ tịch",
    "Thừa phát lại",
    "Trọng tài thương mại",
    "Chứng thực",
    "Hòa giải thương mại",
    "Quản tài viên",
    "Luật sư",
    "Tư vấn pháp luật",
    "Bồi thường nhà nước",
    "Quốc tịch",
    "Hòa giải ở cơ sở",
    "Giám định tư pháp",
    "Thi hành án dân sự",
    "Đăng ký biện pháp bảo đảm",
    "Đấu giá tài sản",
    "Nuôi con nuôi",
    "Trợ giúp pháp lý",
    "Hỗ trợ pháp lý cho doanh nghiệp nhỏ và vừa",
    "Lý lịch tư pháp",
}
POLICE_FIELDS = {
    "Quản lý vũ khí, vật liệu nổ, công cụ hỗ trợ và pháo",
    "Quản lý xuất nhập cảnh",
    "Cấp, quản lý căn cước",
    "Đăng ký, quản lý con dấu",
    "Sát hạch, cấp giấy phép lái xe",
    "Đăng ký, quản lý phương tiện giao thông cơ giới, xe máy chuyên dùng",
    "Đăng ký, quản lý cư trú",
    "Phòng cháy, chữa cháy",
    "Định danh và xác thực điện tử",
    "Quản lý ngành nghề đầu tư, kinh doanh có điều kiện về an ninh, trật tự",
    "Bảo đảm trật tự, an toàn giao thông đường bộ",
}


def department_for(field_name: str) -> str:
    if field_name in JUSTICE_FIELDS:
        return JUSTICE_CODE
    if field_name in POLICE_FIELDS:
        return POLICE_CODE
    return AGRICULTURE_CODE


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    role: str
    agency: str | None = None
    citizen_id: str = ""


ACCOUNTS = [
    DemoAccount("citizen1", "Nguyễn Văn An", Role.CITIZEN, citizen_id="038090001234"),
    DemoAccount("citizen2", "Trần Thị Bình", Role.CITIZEN, citizen_id="038190005678"),
    DemoAccount("desk1", "Lê Thị Cúc", Role.DESK_OFFICER, JUSTICE_CODE),
    DemoAccount("specialist1", "Phạm Văn Dũng", Role.SPECIALIST, JUSTICE_CODE),
    DemoAccount("leader1", "Hoàng Minh Đức", Role.LEADER, JUSTICE_CODE),
    DemoAccount("desk2", "Vũ Thị Hoa", Role.DESK_OFFICER, AGRICULTURE_CODE),
    DemoAccount("specialist2", "Đặng Văn Khoa", Role.SPECIALIST, AGRICULTURE_CODE),
    DemoAccount("leader2", "Bùi Thị Lan", Role.LEADER, AGRICULTURE_CODE),
    # Two communes with a whole team each, so a commune-level dossier (birth or marriage
    # registration) can be received, handled and decided by demo accounts.
    DemoAccount("desk3", "Ngô Thị Mai", Role.DESK_OFFICER, HOA_LU_CODE),
    DemoAccount("specialist3", "Trịnh Văn Nam", Role.SPECIALIST, HOA_LU_CODE),
    DemoAccount("leader3", "Lương Thị Oanh", Role.LEADER, HOA_LU_CODE),
    DemoAccount("desk4", "Phan Thị Phương", Role.DESK_OFFICER, GIA_VIEN_CODE),
    DemoAccount("specialist4", "Mai Văn Quân", Role.SPECIALIST, GIA_VIEN_CODE),
    DemoAccount("leader4", "Đinh Thị Quỳnh", Role.LEADER, GIA_VIEN_CODE),
    DemoAccount("supervisor1", "Đỗ Quang Minh", Role.SUPERVISOR, PROVINCE_CODE),
    DemoAccount("admin", "Quản trị hệ thống", Role.ADMINISTRATOR),
]
