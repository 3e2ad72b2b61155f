"""The OpenRosa server that ODK Collect, KoboCollect and Enketo talk to.

Server URL of a campaign: ``/openrosa/<campaign-slug>`` (HTTP Basic with the
monitor's e-mail and password), or ``/openrosa/<campaign-slug>/key/<token>``
for a device configured from a QR code, like ODK Central's app users. The
clients append ``/formList`` and ``/submission`` themselves.

Every answer carries ``X-OpenRosa-Version`` and
``X-OpenRosa-Accept-Content-Length``, errors included; errors are
``OpenRosaResponse`` documents, never the HTML error pages.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import io
import mimetypes
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import quote as urlquote
from xml.sax.saxutils import escape

from django.conf import settings
from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParser, MultiPartParserError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.csrf import csrf_exempt

from kozomol.accounts.access import campaign_perms
from kozomol.accounts.models import User
from kozomol.accounts.roles import Perm
from kozomol.campaigns.models import Campaign
from kozomol.questionnaires.models import Form, FormVersion
from kozomol.submissions.models import CollectToken
from kozomol.submissions.services import SubmissionRejected, submission_receive
from kozomol.submissions.xmldata import SubmissionXMLError

OPENROSA_VERSION = "1.0"
MAX_SUBMISSION_BYTES = 100 * 1024 * 1024  # announced in X-OpenRosa-Accept-Content-Length
REALM = "Kozomol OpenRosa"
XML_TYPE = "text/xml; charset=utf-8"

MSG_UNAUTHORISED = gettext_noop("Log in with your Kozomol e-mail and password, or use your device's link.")
MSG_NOT_FOUND = gettext_noop("Not found.")
MSG_FORBIDDEN = gettext_noop("You may not collect data in this campaign.")
MSG_NO_XML = gettext_noop("The request has no xml_submission_file part.")
MSG_TOO_BIG = gettext_noop("The submission is larger than the server accepts.")
MSG_BAD_MULTIPART = gettext_noop("The request is not a readable multipart/form-data body: %(detail)s")
MSG_ACCEPTED = gettext_noop("Thank you: the submission was received.")
MSG_ALREADY = gettext_noop("This submission was already received.")
MSG_METHOD = gettext_noop("Method not allowed.")


# --- responses ---------------------------------------------------------------


def _openrosa_headers(response: HttpResponse) -> HttpResponse:
    response["X-OpenRosa-Version"] = OPENROSA_VERSION
    response["X-OpenRosa-Accept-Content-Length"] = str(MAX_SUBMISSION_BYTES)
    if "Date" not in response:
        from django.utils.http import http_date

        response["Date"] = http_date()
    return response


def openrosa_message(status: int, message: str, *, nature: str = "") -> HttpResponse:
    nature_attr = f' nature="{escape(nature)}"' if nature else ""
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<OpenRosaResponse xmlns="http://openrosa.org/http/response">'
        f"<message{nature_attr}>{escape(message)}</message></OpenRosaResponse>"
    )
    return HttpResponse(body, status=status, content_type=XML_TYPE)


def _unauthorised() -> HttpResponse:
    response = openrosa_message(401, _(MSG_UNAUTHORISED))
    response["WWW-Authenticate"] = f'Basic realm="{REALM}", charset="UTF-8"'
    return response


def openrosa_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """csrf-exempt, authenticates itself, answers errors as OpenRosa XML with the headers."""

    @csrf_exempt
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            response = openrosa_message(404, _(MSG_NOT_FOUND))
        except PermissionDenied:
            response = openrosa_message(403, _(MSG_FORBIDDEN))
        except RequestDataTooBig:
            response = openrosa_message(413, _(MSG_TOO_BIG))
        except (MultiPartParserError, SuspiciousOperation) as exc:
            response = openrosa_message(400, _(MSG_BAD_MULTIPART) % {"detail": str(exc)})
        return _openrosa_headers(response)

    return wrapped


# --- authentication ----------------------------------------------------------


class _BasicCache:
    """Remembers verified Basic credentials for a few minutes.

    Argon2 is slow on purpose; a phone sending a backlog would pay it on every
    request. The entry is keyed by an HMAC of the header and holds the
    password hash it was checked against, so a changed password or a
    deactivated account takes effect at once.
    """

    def __init__(self, size: int = 2048, ttl: float = 300.0) -> None:
        self.size, self.ttl = size, ttl
        self._items: OrderedDict[str, tuple[int, str, float]] = OrderedDict()
        self._lock = threading.Lock()

    def key(self, header: str) -> str:
        return hmac.new(settings.SECRET_KEY.encode(), header.encode(), hashlib.sha256).hexdigest()

    def get(self, key: str) -> tuple[int, str] | None:
        with self._lock:
            item = self._items.get(key)
            if item is None or item[2] < time.monotonic():
                self._items.pop(key, None)
                return None
            return item[0], item[1]

    def put(self, key: str, user: User) -> None:
        with self._lock:
            self._items[key] = (user.pk, user.password, time.monotonic() + self.ttl)
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


basic_cache = _BasicCache()


def _basic_user(request: HttpRequest) -> User | None:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if not header.lower().startswith("basic "):
        return None
    key = basic_cache.key(header)
    hit = basic_cache.get(key)
    if hit is not None:
        user = User.objects.filter(pk=hit[0], is_active=True).first()
        if user is not None and user.password == hit[1]:
            return user
    try:
        decoded = base64.b64decode(header[6:].strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    email, sep, password = decoded.partition(":")
    if not sep:
        return None
    user = authenticate(request, username=email.strip(), password=password)
    if user is None or not user.is_active:
        return None
    basic_cache.put(key, user)
    return user


# Phones send a backlog of submissions in bursts; the device link and the
# monitor's permissions are looked up once per few seconds per process. A
# revoked link or a changed role takes effect within AUTH_CACHE_SECONDS.
AUTH_CACHE_SECONDS = 5.0
_token_cache: dict[tuple[str, str], tuple[float, CollectToken | None, frozenset[Perm]]] = {}
_token_lock = threading.Lock()


def _token(token: str, slug: str) -> tuple[CollectToken | None, frozenset[Perm]]:
    key = (token, slug)
    now = time.monotonic()
    with _token_lock:
        hit = _token_cache.get(key)
    if hit is not None and hit[0] > now:
        return hit[1], hit[2]
    found = (
        CollectToken.objects.select_related("user", "campaign")
        .filter(token=token, revoked_at__isnull=True, campaign__slug=slug, user__is_active=True)
        .first()
    )
    perms = campaign_perms(found.user, found.campaign) if found is not None else frozenset()
    with _token_lock:
        if len(_token_cache) > 4096:
            _token_cache.clear()
        _token_cache[key] = (now + AUTH_CACHE_SECONDS, found, perms)
    return found, perms


def clear_auth_caches() -> None:
    """Forget remembered credentials, device links and form lookups (this process)."""
    from kozomol.submissions.services import clear_lookup_cache

    basic_cache.clear()
    with _token_lock:
        _token_cache.clear()
    clear_lookup_cache()


def _collector(
    request: HttpRequest, slug: str, token: str | None
) -> tuple[Campaign | None, Any, HttpResponse | None]:
    """The campaign and the monitor, or the response that refuses them."""
    found = None
    user: Any = None
    perms: frozenset[Perm] = frozenset()
    if token is not None:
        found, perms = _token(token, slug)
        if found is None:
            return None, None, openrosa_message(401, _(MSG_UNAUTHORISED))
        user = found.user
    else:
        user = _basic_user(request)
        if user is None and getattr(request, "user", None) is not None and request.user.is_authenticated:
            user = request.user  # Enketo or a browser with a session
        if user is None:
            return None, None, _unauthorised()
    if found is not None:
        campaign: Campaign | None = found.campaign
    else:
        campaign = Campaign.objects.filter(slug=slug).first()
        perms = campaign_perms(user, campaign) if campaign is not None else frozenset()
    # A user with no role in the campaign may not learn that it exists (404);
    # a role without COLLECT is refused (403): the rule of get_campaign_for_user,
    # in fewer queries because phones call this for every submission.
    if not perms:
        raise Http404(MSG_NOT_FOUND)
    if Perm.COLLECT not in perms:
        raise PermissionDenied
    return campaign, user, None


def _base(request: HttpRequest, slug: str, token: str | None) -> str:
    if token is not None:
        return reverse("submissions:openrosa_key_root", kwargs={"slug": slug, "token": token})
    return reverse("submissions:openrosa_root", kwargs={"slug": slug})


def _form_for(campaign: Campaign, form_pk: int) -> tuple[Form, FormVersion]:
    form = Form.objects.filter(campaign=campaign, pk=form_pk).first()
    version = form.current_version if form is not None else None
    if form is None or version is None:
        raise Http404(MSG_NOT_FOUND)
    return form, version


def _md5(text: str) -> str:
    return "md5:" + hashlib.md5(text.encode("utf-8"), usedforsecurity=False).hexdigest()


# --- views -------------------------------------------------------------------


@openrosa_view
def root(request: HttpRequest, slug: str, token: str | None = None) -> HttpResponse:
    """The server URL itself: tells a person with a browser what it is for."""
    campaign, _user, refused = _collector(request, slug, token)
    if refused is not None:
        return refused
    assert campaign is not None
    return openrosa_message(200, campaign.title)


@openrosa_view
def form_list(request: HttpRequest, slug: str, token: str | None = None) -> HttpResponse:
    if request.method not in ("GET", "HEAD"):
        return openrosa_message(405, _(MSG_METHOD))
    campaign, _user, refused = _collector(request, slug, token)
    if refused is not None:
        return refused
    base = _base(request, slug, token)
    wanted = request.GET.get("formID")
    forms = Form.objects.filter(campaign=campaign, is_open=True).order_by("title", "form_id")
    if wanted:
        forms = forms.filter(form_id=wanted)
    rows = []
    for form in forms:
        version = form.current_version
        if version is None:
            continue
        download = request.build_absolute_uri(f"{base}/forms/{form.pk}/form.xml")
        manifest = request.build_absolute_uri(f"{base}/forms/{form.pk}/manifest")
        version_xml = f"<version>{escape(version.version)}</version>" if version.version_declared else ""
        rows.append(
            "<xform>"
            f"<formID>{escape(form.form_id)}</formID>"
            f"<name>{escape(form.title)}</name>"
            f"{version_xml}"
            f"<hash>{escape(version.md5)}</hash>"
            f"<downloadUrl>{escape(download)}</downloadUrl>"
            f"<manifestUrl>{escape(manifest)}</manifestUrl>"
            "</xform>"
        )
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xforms xmlns="http://openrosa.org/xforms/xformsList">' + "".join(rows) + "</xforms>"
    )
    return HttpResponse(body, content_type=XML_TYPE)


@openrosa_view
def form_download(request: HttpRequest, slug: str, form_pk: int, token: str | None = None) -> HttpResponse:
    campaign, _user, refused = _collector(request, slug, token)
    if refused is not None:
        return refused
    assert campaign is not None
    form, version = _form_for(campaign, form_pk)
    response = HttpResponse(version.xform_xml, content_type=XML_TYPE)
    response["Content-Disposition"] = f'inline; filename="{form.pk}.xml"'
    return response


@openrosa_view
def form_manifest(request: HttpRequest, slug: str, form_pk: int, token: str | None = None) -> HttpResponse:
    campaign, _user, refused = _collector(request, slug, token)
    if refused is not None:
        return refused
    assert campaign is not None
    form, version = _form_for(campaign, form_pk)
    listed = [(media.name, media.md5) for media in version.media_files.all()]
    if version.itemsets_csv:
        listed.append(("itemsets.csv", _md5(version.itemsets_csv)))
    files = ""
    for name, md5 in listed:
        url = request.build_absolute_uri(
            f"{_base(request, slug, token)}/forms/{form.pk}/media/{urlquote(name)}"
        )
        files += (
            f"<mediaFile><filename>{escape(name)}</filename>"
            f"<hash>{escape(md5)}</hash><downloadUrl>{escape(url)}</downloadUrl></mediaFile>"
        )
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<manifest xmlns="http://openrosa.org/xforms/xformsManifest">{files}</manifest>'
    )
    return HttpResponse(body, content_type=XML_TYPE)


@openrosa_view
def form_media(
    request: HttpRequest, slug: str, form_pk: int, name: str, token: str | None = None
) -> HttpResponse:
    campaign, _user, refused = _collector(request, slug, token)
    if refused is not None:
        return refused
    assert campaign is not None
    _form, version = _form_for(campaign, form_pk)
    if name == "itemsets.csv" and version.itemsets_csv:
        return HttpResponse(version.itemsets_csv, content_type="text/csv; charset=utf-8")
    media = version.media_files.filter(name=name).first()
    if media is None:
        raise Http404(MSG_NOT_FOUND)
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    # As an attachment: a file named in a form is the coordinator's upload, and opened in a browser
    # on Kozomol's address an HTML or SVG file would run as a page of Kozomol. ODK Collect saves it anyway.
    return FileResponse(media.file.open("rb"), content_type=content_type, as_attachment=True, filename=name)


def _read_multipart(request: HttpRequest) -> Any:
    """``request.FILES``, also for a chunked body (no Content-Length), within the size limit."""
    length = request.META.get("CONTENT_LENGTH") or ""
    chunked = "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower()
    if length and length.isdigit() and int(length) > MAX_SUBMISSION_BYTES:
        raise RequestDataTooBig(MSG_TOO_BIG)
    if chunked and not (length and int(length) > 0):
        stream = getattr(request, "environ", {}).get("wsgi.input")
        raw = stream.read(MAX_SUBMISSION_BYTES + 1) if stream is not None else b""
        if len(raw) > MAX_SUBMISSION_BYTES:
            raise RequestDataTooBig(MSG_TOO_BIG)
        meta = {**request.META, "CONTENT_LENGTH": str(len(raw))}
        parser = MultiPartParser(meta, io.BytesIO(raw), request.upload_handlers, request.encoding)
        _post, files = parser.parse()
        return files
    return request.FILES


@openrosa_view
def submission(request: HttpRequest, slug: str, token: str | None = None) -> HttpResponse:
    if request.method not in ("HEAD", "POST"):
        return openrosa_message(405, _(MSG_METHOD))
    campaign, user, refused = _collector(request, slug, token)
    if refused is not None:
        return refused
    assert campaign is not None
    if request.method == "HEAD":
        # ODK Collect's pre-flight: authenticated and ready for a POST.
        response = HttpResponse(status=204)
        response["Location"] = request.build_absolute_uri(request.path)
        return response
    files = _read_multipart(request)
    xml_file = files.get("xml_submission_file")
    if xml_file is None:
        return openrosa_message(400, _(MSG_NO_XML))
    from kozomol.submissions.xmldata import ERR_XML_TOO_BIG, MAX_XML_BYTES

    if (xml_file.size or 0) > MAX_XML_BYTES:
        return openrosa_message(400, _(ERR_XML_TOO_BIG))
    xml = xml_file.read(MAX_XML_BYTES + 1)
    attachments = [upload for key in files for upload in files.getlist(key) if key != "xml_submission_file"]
    try:
        result = submission_receive(campaign=campaign, xml=xml, files=attachments, user=user)
    except SubmissionXMLError as exc:
        return openrosa_message(400, str(exc))
    except SubmissionRejected as exc:
        return openrosa_message(exc.status, exc.message)
    message = _(MSG_ACCEPTED) if result.created or result.replaced else _(MSG_ALREADY)
    response = openrosa_message(201, message, nature="submit_success")
    response["Location"] = request.build_absolute_uri(request.path)
    return response


# --- QR code that configures ODK Collect -------------------------------------


def collect_settings(server_url: str, *, project: str) -> dict[str, Any]:
    """ODK Collect's settings for a device (the JSON that its QR code carries)."""
    return {
        "general": {
            "server_url": server_url,
            "form_update_mode": "match_exactly",
            "autosend": "wifi_and_cellular",
            "delete_send": False,
        },
        "admin": {"change_server": False},
        "project": {"name": project[:60], "icon": (project[:1] or "K").upper(), "color": "#12324f"},
    }


def collect_qr_payload(settings_json: dict[str, Any]) -> str:
    """What ODK Collect expects in its QR code: zlib-compressed JSON in base64, as ODK Central makes it."""
    import json
    import zlib

    return base64.b64encode(zlib.compress(json.dumps(settings_json).encode("utf-8"))).decode("ascii")


def collect_qr_svg(settings_json: dict[str, Any]) -> str:
    import segno

    buffer = io.BytesIO()
    segno.make(collect_qr_payload(settings_json), error="l", micro=False).save(
        buffer, kind="svg", scale=4, border=2
    )
    return buffer.getvalue().decode("utf-8")
