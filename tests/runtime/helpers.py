"""Test helpers: a recording mock transport, small models and descriptions shaped like the vendors'."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
from pydantic import BaseModel, ConfigDict, Field

from generator.runtime import (
    ApiDescription,
    AsyncClient,
    AuthScheme,
    BodyCondition,
    Credential,
    CsvLayout,
    DownloadRule,
    ErrorCodeInfo,
    ErrorRules,
    Operation,
    Pagination,
    RetryPolicy,
    Server,
    SyncClient,
    Variable,
)

Answer = httpx.Response | Exception | Callable[[httpx.Request], httpx.Response]


class Recorder:
    """A MockTransport handler: records every request, answers from a script (last one repeats)."""

    def __init__(self, *answers: Answer) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, Exception):
            raise answer
        if isinstance(answer, httpx.Response):
            # A fresh copy each time, so a repeated answer can be read again.
            return httpx.Response(
                answer.status_code, headers=answer.headers, content=answer.content
            )
        return answer(request)

    @property
    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self)

    def json(self, index: int = -1) -> Any:
        return json.loads(self.requests[index].content)


def ok(body: object, status: int = 200, **headers: str) -> httpx.Response:
    return httpx.Response(status, json=body, headers=headers)


def text(body: str, status: int = 200, content_type: str = "text/csv") -> httpx.Response:
    return httpx.Response(status, content=body.encode(), headers={"Content-Type": content_type})


class Sleeps:
    """Injected sleep: records the delays instead of waiting."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)

    async def async_sleep(self, seconds: float) -> None:
        self.delays.append(seconds)

    def policy(self, **kw: Any) -> RetryPolicy:
        kw.setdefault("random", lambda: 1.0)  # no jitter: the delays are the ceilings
        return RetryPolicy(sleep=self, async_sleep=self.async_sleep, **kw)


# -- models ---------------------------------------------------------------------------------------


class Empty(BaseModel):
    pass


class Call(BaseModel):
    model_config = ConfigDict(populate_by_name=True)
    id: int
    start_time: str | None = None


class CallPage(BaseModel):
    data: list[Call]


class RpcResult(BaseModel):
    data: list[Call]


class RpcPage(BaseModel):
    """A JSON-RPC reply as a whole: generated models describe the envelope, records at result.data."""

    jsonrpc: str
    id: int | None
    result: RpcResult


class CallsReportRequest(BaseModel):
    model_config = ConfigDict(populate_by_name=True)
    date_from: str
    date_till: str
    limit: int | None = None
    offset: int | None = None


class Status(BaseModel):
    status: str
    message: str | None = None


# -- descriptions ---------------------------------------------------------------------------------

DEEPCALL = ApiDescription(
    vendor="DeepCall",
    server=Server("https://{brand}/api/v2", (Variable("brand"),)),
    schemes=(
        AuthScheme("ssid", "body", (Credential("ssid"),)),
        AuthScheme("user_token", "body", (Credential("userId", secret=False), Credential("token"))),
    ),
)
DEEPCALL_ERRORS = ErrorRules(
    in_body_code="code",
    in_body_message="message",
    error_when=BodyCondition("status", "error"),
    codes={
        "1015": ErrorCodeInfo(
            "permission", "Permission denied", "Contact admin to grant LIST_CALL_LOG"
        ),
        "1014": ErrorCodeInfo("auth", "Invalid token"),
        "1009": ErrorCodeInfo("server", "Something went wrong"),
    },
)
DEEPCALL_LIST = Operation(
    name="list_calls",
    http_method="POST",
    path="/callreport/list/",
    locations={"filter": "body", "module": "body"},
    errors=DEEPCALL_ERRORS,
)
DEEPCALL_EXPORT = Operation(
    name="export_csv",
    http_method="POST",
    path="/callreport/exportCsv/",
    locations={"module": "body"},
    response_format="file",
    download=DownloadRule(url="data.url", relative_to="absolute"),
    errors=DEEPCALL_ERRORS,
)

YEASTAR = ApiDescription(
    vendor="Yeastar P-Series",
    server=Server(
        "https://{host}/openapi/{version}",
        (Variable("host"), Variable("version", "v2.0", ("v1.0", "v2.0"))),
    ),
    schemes=(AuthScheme("access_token", "query", (Credential("access_token"),)),),
)
YEASTAR_ERRORS = ErrorRules(
    in_body_code="errcode",
    in_body_message="errmsg",
    success_codes=(0,),
    codes={"10004": ErrorCodeInfo("auth", "Token expired")},
)
YEASTAR_DOWNLOAD = Operation(
    name="download_call_report",
    http_method="GET",
    path="/call_report/download",
    locations={"type": "query", "ivr_id_list": "query"},
    idempotent=True,
    response_format="file",
    download=DownloadRule(
        url="download_resource_url", relative_to="origin", auth=("access_token",)
    ),
    errors=YEASTAR_ERRORS,
)

CALLGEAR = ApiDescription(
    vendor="CallGear",
    server=Server("{base_url}", (Variable("base_url"),)),
    schemes=(AuthScheme("access_token", "body", (Credential("access_token"),)),),
)
CALLGEAR_REPORT = Operation(
    name="calls_report",
    http_method="POST",
    path="",
    locations={"date_from": "params", "date_till": "params", "limit": "params", "offset": "params"},
    transport="jsonrpc",
    rpc_method="get.calls_report",
    idempotent=True,
    records="result.data",
    pagination=Pagination(offset="offset", limit="limit", records="result.data", max_limit=1000),
    errors=ErrorRules(
        jsonrpc=True, codes={"-32001": ErrorCodeInfo("auth", "Invalid access token")}
    ),
)

CINNOX = ApiDescription(
    vendor="CINNOX",
    server=Server("https://{host}", (Variable("host", "examplebaseURL.com"),)),
    schemes=(AuthScheme("bearer", "header", (Credential("access_token"),), style="bearer"),),
)
CINNOX_CALLS = Operation(
    name="call_detail",
    http_method="GET",
    path="/v1/api/apps/{appID}/data/call-detail",
    locations={"appID": "path", "limit": "query", "offset": "query", "from": "query"},
    idempotent=True,
    pagination=Pagination(offset="offset", limit="limit", records="data", max_limit=500),
)

RC_COLUMNS = (
    "cloud_profile_id",
    "profile_name",
    "uii",
    "ani",
    "dnis",
    "outbound_externid",
    "media_isci",
    "media_network",
    "smedia_market",
    "media_code",
    "media_format",
    "media_version",
    "media_length",
    "enqueue_time",
    "dequeue_time",
    "queue_time",
    "call_state",
    "is_cellular",
    "dequeue_attempts",
    "call_result",
    "inbound_duration",
    "recording_url",
    "connected_id",
    "connected_name",
    "connected_route",
    "connected_duration",
    "attempt_1_id",
    "attempt_1_name",
    "attempt_1_route",
    "attempt_1_disp",
    "attempt_2_id",
    "attempt_2_name",
    "attempt_2_route",
    "attempt_2_disp",
)
RC_INTS = {
    "cloud_profile_id",
    "queue_time",
    "dequeue_attempts",
    "inbound_duration",
    "connected_duration",
    "media_length",
}
RC_LINES = (
    "1111,DTE,'202004250912250132110000003150,2312866364,8889918278,,,,,,,,0,4/20/20 6:12 AM,"
    "4/20/20 6:12 AM,5,COMPLETE            ,No,2,CONNECTED,24,,4546,DTE,5854987200,19,4546,DTE,"
    "5854987282,ANSWER(5),,,,\n"
    "2222,IT TFN,'202004251035200132150000009531,6317967722,8774489485,,,,,,,,0,4/20/20 7:35 AM,"
    "4/20/20 7:35 AM,5,COMPLETE            ,No,2,CONNECTED,53,,4467,IT TFN,5127776541,48,4467,"
    "IT TFN,5127776551,ANSWER(4),,,,\n"
)


def _rc_row_model() -> type[BaseModel]:
    fields: dict[str, Any] = {
        name: (int | None if name in RC_INTS else str | None, Field(None, alias=name))
        for name in RC_COLUMNS
    }
    from pydantic import create_model

    return create_model("CallDetailRow", **fields)


CallDetailRow = _rc_row_model()

RINGCENTRAL = ApiDescription(
    vendor="RingCentral Engage",
    server=Server("https://{host}", (Variable("host", "engage.ringcentral.com"),)),
    schemes=(AuthScheme("bearer", "header", (Credential("access_token"),), style="bearer"),),
)
RC_REPORT = Operation(
    name="call_detail_report",
    http_method="POST",
    path="/api/v1/admin/accounts/{accountId}/reportsStreaming",
    locations={"accountId": "path", "reportType": "body"},
    deprecated="use the Reports API v2",
    response_format="csv",
    csv=CsvLayout(columns=RC_COLUMNS, header=False, excel_apostrophes=True),
)


def sync_client(
    description: ApiDescription, recorder: Recorder, sleeps: Sleeps | None = None, **kw: Any
) -> SyncClient:
    return SyncClient(
        description, transport=recorder.transport, retry=(sleeps or Sleeps()).policy(), **kw
    )


def async_client(
    description: ApiDescription, recorder: Recorder, sleeps: Sleeps | None = None, **kw: Any
) -> AsyncClient:
    return AsyncClient(
        description, transport=recorder.transport, retry=(sleeps or Sleeps()).policy(), **kw
    )
