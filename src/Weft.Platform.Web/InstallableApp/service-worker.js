// Weft's service worker (docs/adr/0018), served by the host at /service-worker.js with its version filled in.
//
// It keeps the static shell (the style sheets, scripts and icons of SHELL, whose URLs carry their content's hash) and a
// page that says the server is out of reach, so that the installed app starts without a network. It keeps nothing
// else: pages are rendered for the person signed in and API answers hold their tenant's data, and a device may be shared
// or lost, so they go to the server every time and are never stored here. That includes the sign-in page, /_blazor
// (live pages' connection), /api and /v1: the worker does not answer those requests at all, the browser sends them
// as if it had no worker.
const VERSION = '__VERSION__';
const CACHE = 'weft-shell-' + VERSION;
const OFFLINE = '__OFFLINE__';
const SHELL = __SHELL__;

self.addEventListener('install', event => {
    event.waitUntil(caches.open(CACHE)
        .then(cache => cache.addAll([...SHELL, OFFLINE]))
        .then(() => self.skipWaiting()));
});

self.addEventListener('activate', event => {
    event.waitUntil((async () => {
        // An earlier version's shell goes: the new pages name new URLs.
        for (const name of await caches.keys()) {
            if (name.startsWith('weft-shell-') && name !== CACHE) await caches.delete(name);
        }
        // Pages start loading while the worker wakes up, so a page costs no more with the worker than without it.
        if (self.registration.navigationPreload) await self.registration.navigationPreload.enable();
        await self.clients.claim();
    })());
});

self.addEventListener('fetch', event => {
    const request = event.request;
    if (request.method !== 'GET') return;
    const url = new URL(request.url);
    if (url.origin !== self.location.origin) return;
    if (request.mode === 'navigate') {
        event.respondWith(navigate(event));
    } else if (SHELL.includes(url.pathname + url.search)) {
        event.respondWith(fromShell(request));
    }
});

// A page always comes from the server; only when the server cannot be reached at all does the offline page stand in.
async function navigate(event) {
    try {
        return (await event.preloadResponse) || await fetch(event.request);
    } catch {
        return (await caches.match(OFFLINE, { cacheName: CACHE })) || Response.error();
    }
}

// A shell file's URL names its content, so the kept copy is the right one for as long as a page asks for that URL.
async function fromShell(request) {
    return (await caches.match(request, { cacheName: CACHE })) || fetch(request);
}
