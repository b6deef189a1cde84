"""No secret in logs, exception texts or reprs, for every vendor's way of sending credentials."""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest

from generated.callgear import CallGearClient
from generated.cinnox import CINNOXClient
from generated.deepcall import DeepCallClient
from generated.ringcentral import RingCentralEngageClient
from generated.ringcentral.models import CallDetailReportRequestReportCriteria
from generated.yeastar import YeastarPSeriesClient
from generator.runtime import CallspecError, RetryPolicy

from .conftest import Mock

Scenario = Callable[[Mock, dict[str, str], RetryPolicy, Path], list[object]]
DATES = {"date_from": "2025-11-01 00:00:00", "date_till": "2025-11-30 23:59:59"}


def _failing(call: Callable[[], object]) -> CallspecError:
    with pytest.raises(CallspecError) as caught:
        call()
    return caught.value


def _callgear(mock: Mock, secret: dict[str, str], retry: RetryPolicy, tmp: Path) -> list[object]:
    url = mock.url("callgear")
    with CallGearClient(access_token=secret["access_token"], server_url=url, retry=retry) as ok:
        mock.fault("status", status=503)
        list(ok.iter_calls_report(**DATES, limit=10))
        mock.fault("not_json")
        broken = _failing(lambda: ok.calls_report(**DATES))
        mock.fault("vendor_error", code=-32001, message=f"token {secret['access_token']} expired")
        echoed = _failing(lambda: ok.calls_report(**DATES))
        shown = repr(ok)
    with CallGearClient(access_token=secret["access_token"] + "x", server_url=url) as wrong:
        refused = _failing(lambda: wrong.calls_report(**DATES))
    return [broken, echoed, refused, shown]


def _cinnox(mock: Mock, secret: dict[str, str], retry: RetryPolicy, tmp: Path) -> list[object]:
    url = mock.url("cinnox")
    with CINNOXClient(app_token=secret["app_token"], server_url=url, retry=retry) as ok:
        mock.fault("drop")
        list(ok.iter_call_detail(app_id="app1", limit=10))
        mock.fault("status", status=500, count=3)
        gave_up = _failing(lambda: ok.call_detail(app_id="app1"))
        echo = f"Bearer {secret['app_token']} is not valid"
        mock.fault("vendor_error", code=401, status=401, message=echo)
        echoed = _failing(lambda: ok.call_detail(app_id="app1"))
        shown = repr(ok)
    with CINNOXClient(app_token=secret["app_token"] + "x", server_url=url) as wrong:
        refused = _failing(lambda: wrong.call_detail(app_id="app1"))
    return [gave_up, echoed, refused, shown]


def _deepcall(mock: Mock, secret: dict[str, str], retry: RetryPolicy, tmp: Path) -> list[object]:
    url = mock.url("deepcall")
    with DeepCallClient(ssid=secret["ssid"], server_url=url, retry=retry) as ok:
        mock.fault("drop", endpoint="_files")
        ok.download_export_csv(dest=tmp)
        mock.fault("vendor_error", code=1014, message=f"session {secret['ssid']} expired")
        denied = _failing(ok.export_csv)
        shown = repr(ok)
    with DeepCallClient(
        user_id=secret["userId"], token=secret["token"] + "x", server_url=url
    ) as bad:
        refused = _failing(bad.export_csv)
    both = _failing(
        lambda: DeepCallClient(
            ssid=secret["ssid"], user_id=secret["userId"], token=secret["token"], server_url=url
        )
    )
    return [denied, refused, both, shown]


def _ringcentral(mock: Mock, secret: dict[str, str], retry: RetryPolicy, tmp: Path) -> list[object]:
    url = mock.url("ringcentral")
    criteria = CallDetailReportRequestReportCriteria(
        criteriaType="CASPER_CRITERIA",
        reportName="Cloud_Call_Detail_Download",
        returnType="CSV",
        schedule={"repeatOption": "ONCE"},
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        with RingCentralEngageClient(access_token=secret["access_token"], server_url=url) as ok:
            list(ok.call_detail_report(account_id="1", report_criteria=criteria))
            mock.fault("truncate")
            cut = _failing(
                lambda: list(ok.call_detail_report(account_id="1", report_criteria=criteria))
            )
            echo = f"token {secret['access_token']} expired"
            mock.fault("status", status=401, message=echo)
            echoed = _failing(
                lambda: list(ok.call_detail_report(account_id="1", report_criteria=criteria))
            )
            shown = repr(ok)
        wrong_token = secret["access_token"] + "x"
        with RingCentralEngageClient(access_token=wrong_token, server_url=url) as wrong:
            refused = _failing(
                lambda: list(wrong.call_detail_report(account_id="1", report_criteria=criteria))
            )
    return [cut, echoed, refused, shown]


def _yeastar(mock: Mock, secret: dict[str, str], retry: RetryPolicy, tmp: Path) -> list[object]:
    url = mock.url("yeastar")
    with YeastarPSeriesClient(
        access_token=secret["access_token"], server_url=url, retry=retry
    ) as ok:
        mock.fault("truncate", endpoint="_files")
        cut = _failing(lambda: ok.download_call_report_download(dest=tmp, my_report_id=1))
        mock.fault("retry_after", seconds=0)
        ok.download_call_report_download(dest=tmp, my_report_id=1)
        mock.fault("not_json")
        broken = _failing(lambda: ok.call_report_download(my_report_id=1))
        shown = repr(ok)
    with YeastarPSeriesClient(access_token=secret["access_token"] + "x", server_url=url) as bad:
        refused = _failing(lambda: bad.call_report_download(my_report_id=1))
    return [cut, broken, refused, shown]


SCENARIOS: dict[str, Scenario] = {
    "callgear": _callgear,
    "cinnox": _cinnox,
    "deepcall": _deepcall,
    "ringcentral": _ringcentral,
    "yeastar": _yeastar,
}
SECRET_NAMES = {"access_token", "app_token", "ssid", "token"}


@pytest.mark.parametrize("vendor", sorted(SCENARIOS))
def test_no_secret_in_logs_or_errors(
    vendor: str,
    mock: Mock,
    retry: RetryPolicy,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # Values with characters that URLs encode, so every spelling of them is looked for.
    secret = {name: f"S3cr/{vendor}+{name}=&v" for name in mock.creds(vendor)}
    mock.configure(vendor, credentials=secret)
    caplog.set_level(logging.DEBUG)
    outcomes = SCENARIOS[vendor](mock, secret, retry, tmp_path)
    texts = [record.getMessage() for record in caplog.records]
    for outcome in outcomes:
        texts += [str(outcome), repr(outcome)]
        if isinstance(outcome, BaseException) and outcome.__cause__ is not None:
            texts.append(str(outcome.__cause__))
    assert any("retrying" in text for text in texts) or vendor == "ringcentral"
    assert len(mock.requests(vendor)) >= 3  # the secrets really went over the wire
    everything = "\n".join(texts)
    for name, value in secret.items():
        if name not in SECRET_NAMES:
            continue
        for spelling in {value, quote(value, safe=""), quote_plus(value), quote(value)}:
            assert spelling not in everything, f"{vendor} {name} leaked as {spelling!r}"
        # A wrong value the client was given is still the client's secret.
        assert value + "x" not in everything
