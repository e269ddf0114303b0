// Registers Weft's service worker, which keeps the app's static shell so that the installed app starts (to a page that
// says the server is out of reach) without a network; it never keeps what the server answers (docs/adr/0018).
// updateViaCache 'none': the browser asks the server for the worker itself on every update check, never its HTTP cache.
if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/service-worker.js', { scope: '/', updateViaCache: 'none' })
        .catch(error => console.warn('Weft: the service worker could not be registered; the app works without it.', error));
}
