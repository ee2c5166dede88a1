"""Indonesian by default, whatever the browser asks for; English when the user chose it
(Django's set_language view stores the choice in a cookie). Idle sessions end."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.utils import translation


class LanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class IdleSessionMiddleware:
    """Ends a signed-in session after settings.SESSION_IDLE_SECONDS without a request: the
    next request logs out and goes to the login page, which says why. The time of the last
    request is written at most once a minute, so pages do not write their session each time."""

    KEY = "perkin_last_seen"
    WRITE_EVERY = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.get("_auth_user_id"):
            now = int(time.time())
            last = session.get(self.KEY)
            if last is not None and now - last > settings.SESSION_IDLE_SECONDS:
                logout(request)
                query = urlencode({"next": request.get_full_path(), "sesi": "habis"})
                return redirect(f"{settings.LOGIN_URL}?{query}")
            if last is None or now - last >= self.WRITE_EVERY:
                session[self.KEY] = now
        return self.get_response(request)
