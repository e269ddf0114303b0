// Weft's support chat widget. A web site adds it with one tag:
//   <script src="https://weft.example.com/_content/Weft.Support/weft-chat.js" data-tenant="acme" defer></script>
// It opens a chat with the tenant's support desk: messages go both ways over a WebSocket, a reconnect asks for what
// came after the last message it has (so nothing is lost), a message sent again after a reconnect is recorded once
// (its client id), and a solved conversation asks the customer how it went. Files go up one by one (the body of a
// request, the conversation's token in a header) and then with the message that names them; files on messages are
// fetched with the token and handed to the browser as downloads, so the token never sits in a link.
(() => {
  "use strict";
  const script = document.currentScript;
  if (!script || window.__weftChat) return;
  window.__weftChat = true;
  const tenant = script.dataset.tenant;
  const title = script.dataset.title || "Chat with us";
  const base = new URL(script.src, location.href).origin;
  const wsBase = base.replace(/^http/, "ws");
  const api = `${base}/api/v1/support/widget/${encodeURIComponent(tenant)}`;
  const storeKey = `weft-chat:${tenant}`;

  let state = JSON.parse(localStorage.getItem(storeKey) || "null"); // {id, token, number}
  let lastId = 0;
  let status = "new";
  let socket = null;
  let retry = 0;
  let rated = false;
  const seen = new Set();
  const unsent = new Map(); // clientId -> {body, attachments}, until the server acknowledges it
  let files = []; // uploads waiting for the next message: {id, name}

  const host = document.createElement("div");
  host.id = "weft-chat";
  document.body.appendChild(host);
  const root = host.attachShadow({ mode: "open" });
  root.innerHTML = `
<style>
  :host { all: initial; }
  [hidden] { display: none !important; }
  * { box-sizing: border-box; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  .launcher { position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; border: 0; border-radius: 28px; padding: 14px 20px;
    background: #3949ab; color: #fff; font-size: 15px; cursor: pointer; box-shadow: 0 4px 14px rgba(0,0,0,.25); }
  .launcher:focus-visible, button:focus-visible, input:focus-visible, textarea:focus-visible { outline: 3px solid #ffb300; outline-offset: 2px; }
  .panel { position: fixed; right: 20px; bottom: 84px; z-index: 2147483000; width: min(380px, calc(100vw - 40px)); height: min(560px, calc(100vh - 120px));
    display: flex; flex-direction: column; background: #fff; color: #1d1d1f; border-radius: 12px; box-shadow: 0 8px 30px rgba(0,0,0,.3); overflow: hidden; }
  .panel[hidden] { display: none; }
  header { background: #3949ab; color: #fff; padding: 12px 16px; display: flex; align-items: center; justify-content: space-between; }
  header h2 { font-size: 16px; margin: 0; }
  header .state { font-size: 12px; opacity: .9; }
  header button { background: transparent; border: 0; color: #fff; font-size: 20px; cursor: pointer; }
  .log { flex: 1; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 8px; background: #f5f5f7; }
  .msg { max-width: 85%; padding: 8px 12px; border-radius: 12px; font-size: 14px; line-height: 1.4; white-space: pre-wrap; word-wrap: break-word; }
  .msg .who { display: block; font-size: 11px; color: #555; margin-bottom: 2px; }
  .customer { align-self: flex-end; background: #3949ab; color: #fff; }
  .customer .who { color: #e8eaf6; }
  .agent, .ai { align-self: flex-start; background: #fff; border: 1px solid #ddd; }
  .system { align-self: center; background: transparent; color: #444; font-style: italic; font-size: 13px; text-align: center; }
  .pending { opacity: .7; }
  .sources { margin: 6px 0 0; padding-left: 18px; font-size: 12px; color: #444; }
  form { display: flex; gap: 8px; padding: 10px; border-top: 1px solid #ddd; }
  textarea, input { flex: 1; border: 1px solid #999; border-radius: 8px; padding: 8px; font-size: 14px; color: #1d1d1f; }
  textarea { resize: none; height: 42px; }
  button.primary { background: #3949ab; color: #fff; border: 0; border-radius: 8px; padding: 0 14px; font-size: 14px; cursor: pointer; }
  .actions { display: flex; justify-content: flex-end; padding: 0 10px 8px; }
  .link { background: none; border: 0; color: #283593; text-decoration: underline; cursor: pointer; font-size: 13px; padding: 4px; }
  .start { padding: 16px; display: flex; flex-direction: column; gap: 10px; overflow-y: auto; }
  .start label { font-size: 13px; display: flex; flex-direction: column; gap: 4px; }
  .start textarea { height: 90px; }
  .start button.primary { padding: 10px; }
  .csat { padding: 12px; border-top: 1px solid #ddd; background: #fffde7; font-size: 14px; }
  .csat .scores { display: flex; gap: 6px; margin: 8px 0; }
  .csat .scores button { flex: 1; padding: 8px 0; border: 1px solid #999; border-radius: 6px; background: #fff; cursor: pointer; font-size: 14px; color: #1d1d1f; }
  .csat .scores button[aria-pressed="true"] { background: #3949ab; color: #fff; border-color: #3949ab; }
  .error { color: #b00020; font-size: 13px; padding: 0 12px 6px; }
  .files { list-style: none; margin: 6px 0 0; padding: 0; font-size: 13px; }
  .files button { background: none; border: 0; padding: 0; color: inherit; text-decoration: underline; cursor: pointer; font-size: 13px; text-align: left; }
  .chosen { display: flex; flex-wrap: wrap; gap: 6px; padding: 0 10px; font-size: 12px; }
  .chosen span { background: #e8eaf6; border-radius: 10px; padding: 2px 8px; }
  button.attach { background: #fff; border: 1px solid #999; border-radius: 8px; padding: 0 10px; font-size: 16px; cursor: pointer; color: #1d1d1f; }
</style>
<button class="launcher" type="button" aria-expanded="false" aria-controls="weft-panel">${escapeHtml(title)}</button>
<section class="panel" id="weft-panel" role="dialog" aria-label="${escapeHtml(title)}" hidden>
  <header><div><h2>${escapeHtml(title)}</h2><div class="state" aria-live="polite"></div></div><button type="button" class="close" aria-label="Close the chat">×</button></header>
  <div class="start">
    <label>Your name <input name="name" autocomplete="name"></label>
    <label>Your email <input name="email" type="email" autocomplete="email"></label>
    <label>How can we help? <textarea name="first"></textarea></label>
    <button type="button" class="primary begin">Start chat</button>
  </div>
  <div class="log" role="log" aria-live="polite" aria-label="Conversation" tabindex="0" hidden></div>
  <div class="error" role="alert"></div>
  <div class="csat" hidden>
    <div id="weft-csat-q">How did we do?</div>
    <div class="scores" role="group" aria-labelledby="weft-csat-q"></div>
    <label>Anything to add? <input name="comment"></label>
    <div class="actions"><button type="button" class="primary rate">Send rating</button></div>
  </div>
  <div class="chosen" aria-live="polite"></div>
  <form hidden><button type="button" class="attach" aria-label="Attach a file"><svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="currentColor" d="M16.5 6v11.5a4 4 0 0 1-8 0V5a2.5 2.5 0 0 1 5 0v10.5a1 1 0 0 1-2 0V6H10v9.5a2.5 2.5 0 0 0 5 0V5a4 4 0 0 0-8 0v12.5a5.5 5.5 0 0 0 11 0V6z"/></svg></button><input type="file" class="file" multiple hidden aria-label="Files to attach">
    <textarea name="body" aria-label="Your message" placeholder="Write a message…"></textarea><button class="primary" type="submit">Send</button></form>
  <div class="actions person" hidden><button type="button" class="link ask-person">Talk to a person</button></div>
</section>`;

  const $ = (s) => root.querySelector(s);
  const panel = $(".panel"), launcher = $(".launcher"), log = $(".log"), form = $("form"), error = $(".error"), stateLine = $(".state");
  const startBox = $(".start"), csat = $(".csat"), person = $(".person"), chosen = $(".chosen"), picker = $(".file");
  let score = 0;
  for (let i = 1; i <= 5; i++) {
    const b = document.createElement("button");
    b.type = "button"; b.textContent = String(i); b.setAttribute("aria-pressed", "false"); b.setAttribute("aria-label", `${i} of 5`);
    b.addEventListener("click", () => { score = i; for (const o of csat.querySelectorAll(".scores button")) o.setAttribute("aria-pressed", String(o === b)); });
    $(".scores").appendChild(b);
  }

  launcher.addEventListener("click", () => toggle(panel.hidden));
  $(".close").addEventListener("click", () => toggle(false));
  $(".begin").addEventListener("click", begin);
  form.addEventListener("submit", (e) => { e.preventDefault(); const box = form.elements.body; send(box.value); box.value = ""; box.focus(); });
  form.elements.body.addEventListener("keydown", (e) => { if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); form.requestSubmit(); } });
  $(".ask-person").addEventListener("click", () => send("I would like to talk to a person, please."));
  $(".rate").addEventListener("click", rate);
  $(".attach").addEventListener("click", () => picker.click());
  picker.addEventListener("change", async () => { for (const file of picker.files) await upload(file); picker.value = ""; });

  if (state) { showChat(); connect(); }

  function toggle(open) {
    panel.hidden = !open;
    launcher.setAttribute("aria-expanded", String(open));
    if (open) (state ? form.elements.body : startBox.querySelector("input")).focus();
  }

  function showChat() {
    startBox.hidden = true; log.hidden = false; form.hidden = false; person.hidden = false;
  }

  async function begin() {
    const first = startBox.querySelector("textarea").value.trim();
    if (!first) { error.textContent = "Write your question first."; return; }
    error.textContent = "";
    const clientId = newId();
    const response = await fetch(`${api}/conversations`, {
      method: "POST", credentials: "omit", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name: startBox.querySelector("[name=name]").value, email: startBox.querySelector("[name=email]").value, message: first, clientId }),
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) { error.textContent = body.detail || "The chat could not start; try again."; return; }
    state = { id: body.conversation, token: body.token, number: body.number };
    localStorage.setItem(storeKey, JSON.stringify(state));
    showChat();
    for (const m of body.messages) render(m);
    setStatus(body.status);
    connect();
    form.elements.body.focus();
  }

  function connect() {
    stateLine.textContent = "Connecting…";
    socket = new WebSocket(`${wsBase}/api/v1/support/widget/${encodeURIComponent(tenant)}/conversations/${state.id}/live?token=${encodeURIComponent(state.token)}&after=${lastId}`);
    socket.onmessage = (e) => {
      const frame = JSON.parse(e.data);
      if (frame.type === "message") { render(frame.message); setStatus(frame.status); }
      else if (frame.type === "ready") {
        retry = 0; stateLine.textContent = "Connected"; setStatus(frame.status);
        // What was written while the line was down goes now, with the same client ids.
        for (const [clientId, m] of unsent) socket.send(JSON.stringify({ type: "message", body: m.body, attachments: m.attachments, clientId }));
      }
      else if (frame.type === "ack") { unsent.delete(frame.clientId); }
      else if (frame.type === "error" && frame.retry && frame.clientId && unsent.has(frame.clientId)) {
        // Not saved this time: the same message (same client id) goes again shortly.
        const m = unsent.get(frame.clientId), clientId = frame.clientId;
        setTimeout(() => { if (socket && socket.readyState === WebSocket.OPEN && unsent.has(clientId)) socket.send(JSON.stringify({ type: "message", body: m.body, attachments: m.attachments, clientId })); }, 1000);
      }
      else if (frame.type === "error") { if (frame.clientId) unsent.delete(frame.clientId); error.textContent = frame.detail; }
    };
    socket.onclose = async () => {
      socket = null;
      stateLine.textContent = "Reconnecting…";
      // A chat that is gone (or a token that is not its own) is forgotten; otherwise the line comes back.
      if (retry >= 2) {
        const check = await fetch(`${api}/conversations/${state.id}?after=${lastId}`, { credentials: "omit", headers: { "Weft-Conversation-Token": state.token } }).catch(() => null);
        if (check && check.status === 404) { forget(); return; }
      }
      const wait = Math.min(15000, 500 * 2 ** retry++);
      setTimeout(connect, wait);
    };
  }

  function forget() {
    localStorage.removeItem(storeKey);
    state = null;
    lastId = 0; seen.clear(); unsent.clear(); log.replaceChildren(); files = []; chosen.replaceChildren();
    startBox.hidden = false; log.hidden = true; form.hidden = true; person.hidden = true; csat.hidden = true;
    stateLine.textContent = "";
  }

  function send(text) {
    const attachments = files.map((f) => f.id);
    // A file sent without words says which files it is.
    const body = (text || "").trim() || (files.length ? `Sent ${files.map((f) => f.name).join(", ")}` : "");
    if (!body) return;
    error.textContent = "";
    const clientId = newId();
    unsent.set(clientId, { body, attachments });
    render({ id: null, kind: "customer", authorName: "You", body, clientId }, true);
    files = []; chosen.replaceChildren();
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: "message", body, attachments, clientId }));
  }

  async function upload(file) {
    error.textContent = "";
    const response = await fetch(`${api}/conversations/${state.id}/uploads?name=${encodeURIComponent(file.name)}`, {
      method: "POST", credentials: "omit", headers: { "Content-Type": file.type || "application/octet-stream", "Weft-Conversation-Token": state.token }, body: file,
    }).catch(() => null);
    const body = response ? await response.json().catch(() => ({})) : {};
    if (!response || !response.ok) { error.textContent = body.detail || `${file.name} could not be attached; try again.`; return; }
    files.push({ id: body.id, name: body.name });
    const chip = document.createElement("span");
    chip.textContent = body.name;
    chosen.appendChild(chip);
  }

  async function download(file) {
    const response = await fetch(`${api}/conversations/${state.id}/attachments/${file.id}`, { credentials: "omit", headers: { "Weft-Conversation-Token": state.token } })
      .catch(() => null);
    if (!response || !response.ok) { error.textContent = `${file.name} could not be downloaded; try again.`; return; }
    const url = URL.createObjectURL(await response.blob());
    const a = document.createElement("a");
    a.href = url; a.download = file.name;
    root.appendChild(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  function render(m, pending) {
    if (m.kind === "note") return;
    if (m.id != null) {
      if (seen.has(m.id)) return;
      seen.add(m.id);
      lastId = Math.max(lastId, m.id);
      const mine = m.clientId && log.querySelector(`[data-client="${CSS.escape(m.clientId)}"]`);
      if (mine) { mine.classList.remove("pending"); mine.dataset.id = String(m.id); appendFiles(mine, m); return; }
    }
    const item = document.createElement("div");
    item.className = `msg ${m.kind}${pending ? " pending" : ""}`;
    if (m.clientId) item.dataset.client = m.clientId;
    if (m.id != null) item.dataset.id = String(m.id);
    if (m.kind !== "system") {
      const who = document.createElement("span");
      who.className = "who";
      who.textContent = m.kind === "customer" ? "You" : m.kind === "ai" ? `${m.authorName} (AI)` : m.authorName;
      item.appendChild(who);
    }
    item.appendChild(document.createTextNode(m.body));
    if (m.citations && m.citations.length) {
      const list = document.createElement("ol");
      list.className = "sources";
      list.setAttribute("aria-label", "Sources");
      for (const c of m.citations) {
        const li = document.createElement("li");
        li.value = c.rank;
        if (c.url && c.url.startsWith("/")) {
          const link = document.createElement("a");
          link.href = base + c.url;
          link.target = "_blank";
          link.rel = "noopener";
          link.textContent = c.heading || c.document;
          li.appendChild(link);
        } else {
          li.textContent = c.heading || c.document;
        }
        list.appendChild(li);
      }
      item.appendChild(list);
    }
    appendFiles(item, m);
    log.appendChild(item);
    log.scrollTop = log.scrollHeight;
  }

  function appendFiles(item, m) {
    if (m.attachments && m.attachments.length) {
      const list = document.createElement("ul");
      list.className = "files";
      list.setAttribute("aria-label", "Files");
      for (const f of m.attachments) {
        const li = document.createElement("li");
        const b = document.createElement("button");
        b.type = "button"; b.textContent = f.name; b.setAttribute("aria-label", `Download ${f.name}`);
        b.addEventListener("click", () => download(f));
        li.appendChild(b);
        list.appendChild(li);
      }
      item.appendChild(list);
    }
  }

  function setStatus(value) {
    if (!value) return;
    status = value;
    csat.hidden = !(status === "solved" && !rated);
  }

  async function rate() {
    if (!score) { error.textContent = "Pick a score from 1 to 5."; return; }
    const response = await fetch(`${api}/conversations/${state.id}/rating`, {
      method: "POST", credentials: "omit",
      headers: { "Content-Type": "application/json", "Weft-Conversation-Token": state.token },
      body: JSON.stringify({ score, comment: csat.querySelector("[name=comment]").value }),
    });
    if (!response.ok) { error.textContent = "The rating could not be sent; try again."; return; }
    rated = true;
    csat.hidden = true;
    render({ id: null, kind: "system", body: "Thank you for your rating!" });
  }

  function newId() {
    return (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(16).slice(2)).slice(0, 64);
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  }
})();
