vcl 4.1;

# growth_portal behind Varnish 7.1 with the xkey vmod (Debian: `varnish` and `varnish-modules`).
#
# Django decides what may be shared and for how long (Cache-Control: public, s-maxage); this
# file only keeps editors and forms out of the cache, makes equivalent addresses one object,
# and removes the pages an editor's change retires when the site sends
# `PURGE /` with `xkey: <keys>` (pagecache/purge.py). README: "Behind a reverse proxy (Varnish)".
#
# varnishd listens on two sockets: the public one, which the TLS proxy in front forwards every
# visitor to, and one named `purge` for the site's purges only, on an address no visitor can
# reach (`-a 127.0.0.1:6081 -a purge=127.0.0.1:6091`). A purge is accepted only on that socket,
# since the TLS proxy's connections all come from 127.0.0.1 too.
#
# The backend below is `make serve`'s default address. `make serve-proxy` and the tests load a
# copy with another address put in (tools/varnish.py); a server edits it here.

import std;
import xkey;

backend gunicorn {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    # Longer than gunicorn's worker timeout (GUNICORN_TIMEOUT, 30 s): gunicorn answers first.
    .first_byte_timeout = 35s;
    .between_bytes_timeout = 10s;
}

# Who may purge, besides the socket (vcl_recv): the site's own processes. Add the web servers'
# addresses when Varnish runs on another machine (and its `purge` socket listens where they
# reach it, but no visitor does).
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.restarts == 0) {
        # Set below only, never by a client.
        unset req.http.X-Csrf-Token;
    }
    unset req.http.X-Normalise-Query;
    if (local.socket == "purge") {
        if (req.method != "PURGE") {
            return (synth(405, "Method Not Allowed"));
        }
    } elsif (req.method == "PURGE") {
        # From the public socket: any visitor, whatever address the TLS proxy gives them.
        return (synth(403, "Forbidden"));
    }
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey) {
            return (synth(400, "PURGE needs an xkey header"));
        }
        # Space- or comma-separated keys; every object that carries one of them goes.
        set req.http.X-Purged = xkey.purge(req.http.xkey);
        return (synth(200, "Purged " + req.http.X-Purged));
    }
    if (req.method !~ "^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)$") {
        return (synth(405, "Method Not Allowed"));
    }

    # One object per page, whatever a link adds: tracking parameters go (no view reads them;
    # Django drops any other parameter it does not read) and the rest are sorted.
    if (req.url ~ "\?") {
        set req.url = regsuball(
            req.url,
            "(?<=[?&])(?i:utm_[^=&]*|fbclid|gclid|mc_cid|mc_eid)(=[^&]*)?(&|$)",
            "");
        set req.url = std.querysort(req.url);
        set req.url = regsub(req.url, "[?&]+$", "");
    }
    # The site speaks Swedish only (LANGUAGES); without this header Django's LocaleMiddleware
    # picks the same language for everyone and its `Vary: Accept-Language` makes one variant.
    unset req.http.Accept-Language;

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The admin, and the health checks, which must see the live backend.
    if (req.url ~ "^/admin(/|$)" || req.url ~ "^/(healthz|readyz)/?(\?|$)") {
        return (pass);
    }
    # Editors (a session cookie) always get a fresh page, on public pages too.
    if (req.http.Cookie ~ "(^|;)\s*sessionid=") {
        return (pass);
    }
    # Anything else is looked up without cookies: what Django shares does not depend on them,
    # and a page that sets one (a form's CSRF cookie) is never kept (vcl_backend_response).
    # The CSRF cookie alone still goes to Django when it is asked (vcl_backend_fetch): a form
    # must keep the visitor's token, or a form open in another tab fails with 403.
    if (req.http.Cookie ~ "(^|;)\s*csrftoken=[^;]") {
        set req.http.X-Csrf-Token = regsub(
            req.http.Cookie, "^(?:.*;)?\s*csrftoken=([^;]*).*$", "\1");
    }
    unset req.http.Cookie;
    # A query may hold parameters the page does not read (`?cb=<random>`): on a miss Django
    # then answers at once with the address without them (pagecache/query.py), which
    # vcl_deliver looks up instead, so that they make no object of their own. Asked once: the
    # restarted request gets the page.
    if (req.restarts == 0 && req.url ~ "\?") {
        set req.http.X-Normalise-Query = "1";
    }
    # On to the builtin vcl_recv: host in lower case, Authorization passes, then the lookup.
}

sub vcl_backend_fetch {
    # A miss or a pass that came without cookies to the lookup: the visitor's CSRF cookie back
    # (vcl_recv), so that a page with a form renders with their token, not a new one. The
    # object's hash never includes it; a page that uses the token sets the cookie and is
    # never kept.
    if (bereq.http.X-Csrf-Token) {
        set bereq.http.Cookie = "csrftoken=" + bereq.http.X-Csrf-Token;
        unset bereq.http.X-Csrf-Token;
    }
}

sub vcl_hash {
    # The scheme as the TLS proxy in front tells it: Django's redirect of http:// to https://
    # must never be served for the https:// address. The builtin part adds the URL and host.
    hash_data(req.http.X-Forwarded-Proto);
}

sub vcl_backend_response {
    # Django's pointer to the address without unread parameters (vcl_recv): followed in
    # vcl_deliver, and never kept, not even as a hit-for-miss marker.
    if (beresp.http.X-Query-Normalised) {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        set beresp.grace = 0s;
        set beresp.keep = 0s;
        return (deliver);
    }
    # Only what Django marks with a lifetime is kept (a redirect or a page without
    # Cache-Control is not), nor, in the builtin part below, anything that sets a cookie or is
    # private, no-store or no-cache.
    if (beresp.http.Cache-Control !~ "(?i)(s-maxage|max-age)=" && !beresp.http.Expires) {
        set beresp.ttl = 120s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # No grace: Django caps s-maxage at the next scheduled publication, and a stale page
    # served past that would show the item late. Requests for an expired page wait together
    # for one fetch (Varnish's waiting list) instead.
    set beresp.grace = 0s;
    set beresp.keep = 0s;
    # Django sends HTML uncompressed; static files come compressed from whitenoise already.
    if (!beresp.http.Content-Encoding &&
        beresp.http.Content-Type ~ "(?i)^(text/|application/(json|xml|atom\+xml|javascript)|image/svg\+xml)") {
        set beresp.do_gzip = true;
    }
}

sub vcl_backend_error {
    set beresp.http.Content-Type = "text/plain; charset=utf-8";
    set beresp.http.Retry-After = "5";
    set beresp.body = "Webbplatsen svarar inte just nu. Försök igen om en stund." + {"
"};
    return (deliver);
}

sub vcl_deliver {
    if (resp.http.X-Query-Normalised && req.restarts == 0 && resp.http.Location ~ "^/") {
        set req.url = resp.http.Location;
        return (restart);
    }
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # The keys are between Django and this cache only.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
}

sub vcl_synth {
    set resp.http.Content-Type = "text/plain; charset=utf-8";
    if (req.method == "PURGE") {
        if (req.http.X-Purged) {
            set resp.http.X-Purged = req.http.X-Purged;
        }
        set resp.body = resp.reason + {"
"};
    } elsif (resp.status == 405 && local.socket == "purge") {
        set resp.http.Allow = "PURGE";
        set resp.body = "Metoden stöds inte." + {"
"};
    } elsif (resp.status == 405) {
        set resp.http.Allow = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";
        set resp.body = "Metoden stöds inte." + {"
"};
    } elsif (resp.status >= 500) {
        set resp.body = "Webbplatsen svarar inte just nu. Försök igen om en stund." + {"
"};
    } else {
        set resp.body = "Felaktig begäran." + {"
"};
    }
    return (deliver);
}
