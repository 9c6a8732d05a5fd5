/*
 * Shop agent web chat widget. Plain JavaScript, no build step, no dependencies.
 *
 *   <script src="https://agent.example.com/static/webchat/webchat.js" data-store="PUBLIC_KEY" async></script>
 *
 * Optional attributes: data-language ("nl", "en"; default: the page's lang, then the
 * browser's) and a storefront-signed identity (data-customer-id, data-customer-email,
 * data-identity-expires, data-identity-signature) that signs the shopper in silently.
 *
 * How it talks to the server: POST /api/v1/webchat/sessions gives a session token, the
 * widget's words (in the shopper's language) and colours; the websocket /ws/webchat/
 * carries typed frames. Every message has a sequence number: after each (re)connect the
 * widget asks for what came after the last one it has ("resume"), renders each number once,
 * and resends its own unconfirmed messages with their client ids (the server answers a
 * client id once). The token is kept in localStorage, so the conversation survives page loads.
 * A "responder" frame (on every resume, and when a person takes the conversation over or
 * hands it back) says who answers: the header and the typing line then name that person.
 *
 * Shopper and merchant text is only ever set with textContent, never as HTML.
 */
(function () {
  "use strict";

  var script = document.currentScript ||
    document.querySelector('script[data-store][src*="webchat.js"]');
  if (!script || window.shopAgentWebchat) { return; }
  var scriptUrl = new URL(script.src, window.location.href);
  var SERVER = scriptUrl.origin;
  var CSS_URL = scriptUrl.href.replace(/webchat\.js(\?.*)?$/, "webchat.css");
  var KEY = script.getAttribute("data-store") || "";
  var STORAGE_KEY = "shopagent.webchat." + KEY;
  var MAX_TEXT = 2000;
  var RECENT_MS = 30 * 60 * 1000; // reconnect on load when the chat was used this recently

  var state = {
    session: null, // the last session response
    token: "",
    conversationId: null,
    socket: null,
    ready: false, // the socket is open and the replay is done
    attempt: 0,
    reconnectTimer: null,
    lastSeq: 0,
    rendered: {}, // seq -> element
    pending: [], // {clientId, text, el, sent}
    open: false,
    unread: 0,
    typingTimer: null,
    typingSentAt: 0,
    responder: null, // the last "responder" frame; null: the assistant answers
    sessionPromise: null,
    stopped: false
  };
  var ui = {};

  // --- storage ---------------------------------------------------------------------------

  function load() {
    try { return JSON.parse(window.localStorage.getItem(STORAGE_KEY) || "{}") || {}; }
    catch (e) { return {}; }
  }

  function save(changes) {
    var stored = load();
    Object.keys(changes).forEach(function (k) { stored[k] = changes[k]; });
    try { window.localStorage.setItem(STORAGE_KEY, JSON.stringify(stored)); } catch (e) { /* private mode */ }
  }

  // --- session ---------------------------------------------------------------------------

  function language() {
    return script.getAttribute("data-language") || document.documentElement.lang ||
      (navigator.languages && navigator.languages[0]) || navigator.language || "";
  }

  function identity() {
    var id = script.getAttribute("data-customer-id");
    var signature = script.getAttribute("data-identity-signature");
    if (!id || !signature) { return undefined; }
    return {
      customer_id: id,
      email: script.getAttribute("data-customer-email") || "",
      expires: script.getAttribute("data-identity-expires") || "",
      signature: signature
    };
  }

  function requestSession(start) {
    var body = { public_key: KEY, language: language(), start: start, resume: state.token || load().token || "" };
    var who = identity();
    if (who) { body.identity = who; }
    return fetch(SERVER + "/api/v1/webchat/sessions", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      credentials: "omit",
      mode: "cors"
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) {
          var error = new Error(data.message || "session refused");
          error.status = response.status;
          error.code = data.code;
          throw error;
        }
        return data;
      });
    }).then(function (data) {
      state.session = data;
      if (!data.token && state.token) { // the conversation is over (closed, or too old)
        state.token = "";
        state.conversationId = null;
        clearTranscript();
        save({ token: "" });
      }
      if (data.token) {
        if (state.conversationId !== null && data.conversation_id !== state.conversationId) {
          clearTranscript(); // the old conversation ended: a new one began
        }
        state.token = data.token;
        state.conversationId = data.conversation_id;
        save({ token: data.token });
      }
      return data;
    });
  }

  /** A session bound to a conversation (started on the first message). */
  function ensureConversation() {
    if (state.token) { return Promise.resolve(); }
    if (!state.sessionPromise) {
      state.sessionPromise = requestSession(true).then(function () {
        state.sessionPromise = null;
      }, function (error) {
        state.sessionPromise = null;
        throw error;
      });
    }
    return state.sessionPromise;
  }

  // --- socket ----------------------------------------------------------------------------

  function connect() {
    if (state.stopped || !state.token || state.socket) { return; }
    clearTimeout(state.reconnectTimer);
    var path = (state.session && state.session.websocket_path) || "/ws/webchat/";
    var url = SERVER.replace(/^http/, "ws") + path + "?token=" + encodeURIComponent(state.token) +
      "&store=" + encodeURIComponent(KEY);
    var socket = new WebSocket(url);
    var opened = false;
    state.socket = socket;
    state.ready = false;
    if (state.attempt === 0) { status(t("connecting")); }
    socket.onopen = function () {
      opened = true;
      state.attempt = 0;
      send({ type: "resume", after_seq: state.lastSeq });
    };
    socket.onmessage = function (event) {
      var frame;
      try { frame = JSON.parse(event.data); } catch (e) { return; }
      if (socket === state.socket) { onFrame(frame); }
    };
    socket.onclose = function () {
      if (socket !== state.socket) { return; }
      state.socket = null;
      state.ready = false;
      hideTyping();
      if (state.stopped) { return; }
      if (opened) { reconnectLater(); return; }
      // Refused at the handshake (an expired token?) or no network: ask for a fresh token.
      requestSession(false).then(function () {
        if (state.token) { reconnectLater(); return; }
        status("");
        if (state.pending.length) { ensureConversation().then(connect, function () { stop(); }); }
      }, function (error) {
        if (error.status && error.status < 500 && error.status !== 429) { stop(); }
        else { reconnectLater(); }
      });
    };
  }

  function reconnectLater() {
    if (state.stopped || state.socket) { return; }
    var delay = Math.min(30000, 500 * Math.pow(2, state.attempt)) * (0.75 + Math.random() * 0.5);
    state.attempt += 1;
    status(navigator.onLine === false ? t("offline") : t("reconnecting"));
    clearTimeout(state.reconnectTimer);
    state.reconnectTimer = setTimeout(connect, state.attempt === 1 ? 200 : delay);
  }

  function send(frame) {
    var socket = state.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) { return false; }
    socket.send(JSON.stringify(frame));
    return true;
  }

  function stop() {
    state.stopped = true;
    status(t("unavailable"));
    if (ui.input) { ui.input.disabled = true; ui.sendButton.disabled = true; }
  }

  function onFrame(frame) {
    if (frame.type === "message") { onMessage(frame); }
    else if (frame.type === "typing") { showTyping(frame.role); }
    else if (frame.type === "responder") { setResponder(frame); }
    else if (frame.type === "resumed") { onResumed(frame); }
    else if (frame.type === "error") { onError(frame); }
  }

  function onResumed(frame) {
    if (frame.more) { send({ type: "resume", after_seq: state.lastSeq }); return; }
    state.ready = true;
    status("");
    state.pending.forEach(function (item) { if (!item.failed) { transmit(item); } });
  }

  function onError(frame) {
    var item = frame.client_id && findPending(frame.client_id);
    if (item) { markFailed(item, frame.message); return; }
    notice(frame.message);
  }

  // --- messages --------------------------------------------------------------------------

  function newClientId() {
    var bytes = new Uint8Array(12);
    (window.crypto || window.msCrypto).getRandomValues(bytes);
    return "w" + Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function sendText(text) {
    text = (text || "").trim();
    if (!text || state.stopped) { return; }
    if (text.length > MAX_TEXT) { text = text.slice(0, MAX_TEXT); }
    var item = { clientId: newClientId(), text: text, el: null, failed: false };
    item.el = shopperBubble(text, true);
    state.pending.push(item);
    ui.log.appendChild(item.el);
    scrollDown();
    save({ activeAt: Date.now() });
    ensureConversation().then(function () {
      if (state.socket) { transmit(item); } else { connect(); } // sent after the replay
    }, function (error) {
      if (error.status && error.status < 500 && error.status !== 429) { stop(); }
      markFailed(item, error.message && error.status ? error.message : t("unavailable"));
    });
  }

  function transmit(item) {
    if (!state.ready) { return; }
    send({ type: "message", text: item.text, client_id: item.clientId });
  }

  function findPending(clientId) {
    for (var i = 0; i < state.pending.length; i++) {
      if (state.pending[i].clientId === clientId) { return state.pending[i]; }
    }
    return null;
  }

  function markFailed(item, message) {
    item.failed = true;
    var meta = item.el.querySelector(".sa-meta");
    meta.textContent = message + " ";
    var retry = el("button", "sa-link-button", t("retry"));
    retry.type = "button";
    retry.addEventListener("click", function () {
      item.failed = false;
      meta.textContent = t("sending");
      ensureConversation().then(function () {
        if (state.socket) { transmit(item); } else { connect(); }
      });
    });
    meta.appendChild(retry);
  }

  function onMessage(frame) {
    var seq = frame.seq;
    if (typeof seq !== "number" || state.rendered[seq]) { return; }
    var item = frame.role === "shopper" && frame.client_id ? findPending(frame.client_id) : null;
    var node;
    if (item) {
      state.pending.splice(state.pending.indexOf(item), 1);
      node = item.el;
      node.classList.remove("sa-pending");
      var meta = node.querySelector(".sa-meta");
      if (meta) { meta.remove(); }
      node.remove();
    } else if (frame.role === "shopper") {
      node = shopperBubble(frame.payload.text, false);
    } else {
      node = replyBubble(frame.role, frame.payload || {});
    }
    // Every message ends "typing": an answer, and the shopper's own message too (the server
    // confirms it once its turn is over, so an answer follows at once; none comes while a
    // person has taken the conversation over).
    hideTyping();
    node.setAttribute("data-seq", String(seq));
    state.rendered[seq] = node;
    state.lastSeq = Math.max(state.lastSeq, seq);
    insertInOrder(node, seq);
    if (frame.role !== "shopper") {
      disableOlderControls(node);
      var active = ui.root.activeElement || document.activeElement;
      if (!state.open && state.ready) { setUnread(state.unread + 1); }
      else if (state.open && state.ready && active && ui.panel.contains(active)) { focusNewControl(node); }
    }
    scrollDown();
  }

  function insertInOrder(node, seq) {
    var children = ui.log.children;
    for (var i = 0; i < children.length; i++) {
      var other = children[i];
      var otherSeq = other.getAttribute("data-seq");
      if (other.classList.contains("sa-pending") || (otherSeq !== null && Number(otherSeq) > seq)) {
        ui.log.insertBefore(node, other);
        return;
      }
    }
    ui.log.appendChild(node);
  }

  function clearTranscript() {
    state.rendered = {};
    state.lastSeq = 0;
    setResponder(null);
    Array.prototype.slice.call(ui.log ? ui.log.querySelectorAll("[data-seq]") : []).forEach(function (n) { n.remove(); });
  }

  // --- rendering -------------------------------------------------------------------------

  function t(key) {
    return (state.session && state.session.strings && state.session.strings[key]) || "";
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function hidden(text) { return el("span", "sa-visually-hidden", text); }

  function shopperBubble(text, pending) {
    var node = el("div", "sa-msg sa-from-shopper" + (pending ? " sa-pending" : ""));
    node.appendChild(hidden(t("you") + ": "));
    node.appendChild(el("p", "sa-text", text));
    if (pending) { node.appendChild(el("p", "sa-meta", t("sending"))); }
    return node;
  }

  function replyBubble(role, payload) {
    var node = el("div", "sa-msg sa-from-" + (role === "human" ? "person" : "agent"));
    var who = role === "human" ? t("person") : t("assistant");
    node.appendChild(el("p", "sa-author", who));
    var blocks = payload.blocks && payload.blocks.length ? payload.blocks :
      [{ type: "text", text: payload.text || "" }];
    blocks.forEach(function (block) {
      var part = renderBlock(block);
      if (part) { node.appendChild(part); }
    });
    return node;
  }

  function renderBlock(block) {
    switch (block.type) {
      case "text": return textBlock(block);
      case "sign_in": return signInBlock(block);
      case "order_card": return orderCard(block);
      case "link": return linkButton(block, "sa-button");
      case "quick_replies": return quickReplies(block);
      case "handoff": return handoffBlock(block);
      default: return null;
    }
  }

  function textBlock(block) {
    var wrap = el("div", "sa-block");
    wrap.appendChild(el("p", "sa-text", block.text));
    var citation = block.citation;
    if (citation && citation.label) {
      var details = el("details", "sa-citation");
      details.appendChild(el("summary", "", citation.label));
      if (citation.quote) { details.appendChild(el("blockquote", "", citation.quote)); }
      wrap.appendChild(details);
    }
    return wrap;
  }

  var fieldCount = 0;

  function signInBlock(block) {
    var form = el("form", "sa-block sa-sign-in sa-control");
    var input = block.input || {};
    var id = "sa-field-" + (++fieldCount);
    form.appendChild(el("p", "sa-text", block.prompt));
    var label = el("label", "sa-label", input.label);
    label.htmlFor = id;
    var field = el("input", "sa-input");
    field.id = id;
    field.type = input.type === "email" ? "email" : "text";
    field.setAttribute("inputmode", input.inputmode || "text");
    field.setAttribute("autocomplete", input.autocomplete || "off");
    if (input.maxlength) { field.maxLength = input.maxlength; }
    field.required = true;
    var button = el("button", "sa-button", block.submit_label);
    button.type = "submit";
    var row = el("div", "sa-row");
    row.appendChild(field);
    row.appendChild(button);
    form.appendChild(label);
    form.appendChild(row);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!field.value.trim()) { field.focus(); return; }
      sendText(field.value);
      setDisabled(form, true);
      ui.input.focus();
    });
    return form;
  }

  function safeUrl(url) {
    return typeof url === "string" && (/^https?:\/\//i.test(url) || /^\/(?!\/)/.test(url)) ? url : null;
  }

  function linkButton(action, className) {
    var url = safeUrl(action.url);
    if (!url) { return null; }
    var link = el("a", className + " sa-action-" + (action.kind || "link"), action.label);
    link.href = url;
    link.target = "_blank";
    link.rel = "noopener noreferrer";
    link.appendChild(hidden(" " + t("new_tab")));
    return link;
  }

  function orderCard(card) {
    var node = el("article", "sa-block sa-card");
    node.setAttribute("aria-label", card.title || card.order_name || "");
    var head = el("div", "sa-card-head");
    head.appendChild(el("p", "sa-card-title", card.title));
    head.appendChild(el("span", "sa-badge sa-status-" + card.status, card.status_label));
    node.appendChild(head);
    var facts = el("p", "sa-card-facts", [card.date_label, t("order_total") + " " + card.total_label].filter(Boolean).join(" · "));
    node.appendChild(facts);
    var list = el("ul", "sa-lines");
    list.setAttribute("aria-label", t("order_items"));
    (card.lines || []).forEach(function (line) { list.appendChild(orderLine(line)); });
    node.appendChild(list);
    var actions = actionsRow(card.actions, "sa-button");
    if (actions) { node.appendChild(actions); }
    return node;
  }

  function orderLine(line) {
    var item = el("li", "sa-line");
    var top = el("div", "sa-line-head");
    var name = el("span", "sa-line-title", line.title);
    top.appendChild(name);
    top.appendChild(el("span", "sa-badge sa-status-" + line.status, line.status_label));
    item.appendChild(top);
    var detail = [line.variant, line.quantity > 1 ? line.quantity_label : ""].filter(Boolean).join(" · ");
    if (detail) { item.appendChild(el("p", "sa-line-detail", detail)); }
    if (line.reason) { item.appendChild(el("p", "sa-line-reason", line.reason)); }
    var actions = actionsRow(line.actions, "sa-button sa-button-small");
    if (actions) { item.appendChild(actions); }
    return item;
  }

  function actionsRow(actions, className) {
    var row = el("div", "sa-actions");
    (actions || []).forEach(function (action) {
      var link = linkButton(action, className);
      if (link) { row.appendChild(link); }
    });
    return row.children.length ? row : null;
  }

  function quickReplies(block) {
    var group = el("div", "sa-block sa-quick-replies sa-control");
    group.setAttribute("role", "group");
    (block.options || []).forEach(function (option) {
      var button = el("button", "sa-chip", option.label);
      button.type = "button";
      button.addEventListener("click", function () {
        sendText(option.payload || option.label);
        setDisabled(group, true);
        ui.input.focus();
      });
      group.appendChild(button);
    });
    return group;
  }

  function handoffBlock(block) {
    var node = el("div", "sa-block sa-handoff");
    node.setAttribute("role", "note");
    if (block.status_label) { node.appendChild(el("p", "sa-handoff-status", block.status_label)); }
    node.appendChild(el("p", "sa-text", block.message));
    return node;
  }

  function setDisabled(container, disabled) {
    Array.prototype.forEach.call(container.querySelectorAll("button, input"), function (c) { c.disabled = disabled; });
  }

  /** Only the newest answer's quick replies and sign-in form stay usable. */
  function disableOlderControls(newest) {
    Array.prototype.forEach.call(ui.log.querySelectorAll(".sa-control"), function (control) {
      if (!newest.contains(control)) { setDisabled(control, true); }
    });
  }

  function focusNewControl(node) {
    var field = node.querySelector(".sa-sign-in input:not([disabled])");
    if (field) { field.focus(); }
  }

  function notice(text) {
    var node = el("p", "sa-notice", text);
    ui.log.appendChild(node);
    scrollDown();
  }

  function status(text) {
    if (ui.status) {
      ui.status.textContent = text;
      ui.status.hidden = !text;
    }
  }

  /** Who answers the shopper: a person who took the conversation over, or (null) the assistant. */
  function setResponder(frame) {
    var person = frame && frame.kind === "person" ? frame : null;
    state.responder = person;
    if (!ui.subtitle) { return; }
    var subtitle = person && person.subtitle ? person.subtitle : t("subtitle");
    if (ui.subtitle.textContent !== subtitle) { ui.subtitle.textContent = subtitle; }
    ui.wrap.classList.toggle("sa-by-person", !!person);
    if (!person && ui.typing && !ui.typing.hidden) { hideTyping(); }
  }

  /** ``role`` "human": the person who took over types; otherwise the assistant works on an
   *  answer (not shown while a person has the conversation: the assistant stays silent). */
  function showTyping(role) {
    var person = state.responder;
    if (person && role !== "human") { return; }
    var label = person ? person.typing || t("typing") : t("typing");
    ui.typing.hidden = false;
    ui.typing.classList.toggle("sa-typing-person", !!person);
    ui.typingText.className = person ? "sa-typing-label" : "sa-visually-hidden";
    ui.typingText.textContent = label;
    scrollDown();
    clearTimeout(state.typingTimer);
    // A person's dashboard says "typing" at most every 3 s while they type: a pause ends it.
    state.typingTimer = setTimeout(hideTyping, person ? 7000 : 20000);
  }

  function hideTyping() {
    if (!ui.typing) { return; }
    clearTimeout(state.typingTimer);
    ui.typing.hidden = true;
    ui.typingText.textContent = "";
  }

  function scrollDown() {
    if (ui.scroller) { ui.scroller.scrollTop = ui.scroller.scrollHeight; }
  }

  function setUnread(count) {
    state.unread = count;
    ui.badge.hidden = count === 0;
    ui.badge.textContent = count ? String(count) : "";
    ui.launcher.setAttribute("aria-label", t("open") + (count ? " (" + count + " " + t("new_message") + ")" : ""));
  }

  // --- the widget's frame ----------------------------------------------------------------

  function icon(path) {
    var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var shape = document.createElementNS("http://www.w3.org/2000/svg", "path");
    shape.setAttribute("d", path);
    svg.appendChild(shape);
    return svg;
  }

  var CHAT_ICON = "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z";
  var CLOSE_ICON = "M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6L19 6.4 17.6 5 12 10.6z";
  var SEND_ICON = "M3 20.5 21 12 3 3.5v6.6l12 1.9-12 1.9z";

  function onAccent(hex) {
    var m = /^#([0-9a-f]{6})$/i.exec(hex || "");
    if (!m) { return "#ffffff"; }
    var n = parseInt(m[1], 16);
    var channel = function (v) { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    var lum = 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
    return lum > 0.4 ? "#111111" : "#ffffff";
  }

  function build(session) {
    var host = el("div");
    host.id = "shopagent-webchat";
    host.style.display = "none"; // until the stylesheet is in
    var root = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
    var accent = (session.appearance && session.appearance.accent_color) || "#1f6feb";
    var sheet = el("link");
    sheet.rel = "stylesheet";
    sheet.href = CSS_URL;
    sheet.addEventListener("load", function () { host.style.display = ""; });
    sheet.addEventListener("error", function () { host.style.display = ""; });
    root.appendChild(sheet);

    var wrap = el("div", "sa-root");
    wrap.lang = session.language;
    if (/^#[0-9a-f]{6}$/i.test(accent)) {
      wrap.style.setProperty("--sa-accent", accent);
      wrap.style.setProperty("--sa-on-accent", onAccent(accent));
    }
    root.appendChild(wrap);

    var launcher = el("button", "sa-launcher");
    launcher.type = "button";
    launcher.setAttribute("aria-expanded", "false");
    launcher.setAttribute("aria-controls", "sa-panel");
    launcher.setAttribute("aria-label", t("open"));
    launcher.appendChild(icon(CHAT_ICON));
    launcher.appendChild(el("span", "sa-launcher-label", t("open")));
    var badge = el("span", "sa-badge-count");
    badge.hidden = true;
    badge.setAttribute("aria-hidden", "true");
    launcher.appendChild(badge);

    var panel = el("section", "sa-panel");
    panel.id = "sa-panel";
    panel.hidden = true;
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-modal", "false");
    panel.setAttribute("aria-labelledby", "sa-title");

    var header = el("header", "sa-header");
    var titles = el("div", "sa-titles");
    var title = el("h2", "sa-title", session.store ? session.store.name : "");
    title.id = "sa-title";
    titles.appendChild(title);
    var subtitle = el("p", "sa-subtitle", t("subtitle"));
    subtitle.setAttribute("aria-live", "polite");
    titles.appendChild(subtitle);
    var close = el("button", "sa-icon-button");
    close.type = "button";
    close.setAttribute("aria-label", t("close"));
    close.appendChild(icon(CLOSE_ICON));
    header.appendChild(titles);
    header.appendChild(close);

    var scroller = el("div", "sa-scroller");
    var log = el("div", "sa-log");
    log.setAttribute("role", "log");
    log.setAttribute("aria-live", "polite");
    log.setAttribute("aria-label", t("log_label"));
    log.tabIndex = 0;
    var greeting = el("div", "sa-msg sa-from-agent sa-greeting");
    greeting.appendChild(el("p", "sa-author", t("assistant")));
    greeting.appendChild(el("p", "sa-text", session.appearance ? session.appearance.greeting : ""));
    var typing = el("div", "sa-typing");
    typing.hidden = true;
    var dots = el("span", "sa-dots");
    dots.setAttribute("aria-hidden", "true");
    dots.appendChild(el("span"));
    dots.appendChild(el("span"));
    dots.appendChild(el("span"));
    var typingText = el("span", "sa-visually-hidden");
    typing.appendChild(dots);
    typing.appendChild(typingText);
    typing.setAttribute("role", "status");
    scroller.appendChild(greeting);
    scroller.appendChild(log);
    scroller.appendChild(typing);

    var statusLine = el("p", "sa-status");
    statusLine.setAttribute("role", "status");
    statusLine.hidden = true;

    var form = el("form", "sa-composer");
    var inputId = "sa-input";
    var label = el("label", "sa-visually-hidden", t("input_label"));
    label.htmlFor = inputId;
    var input = el("textarea", "sa-textarea");
    input.id = inputId;
    input.rows = 1;
    input.maxLength = MAX_TEXT;
    input.placeholder = t("input_placeholder");
    input.setAttribute("autocomplete", "off");
    var sendButton = el("button", "sa-send");
    sendButton.type = "submit";
    sendButton.setAttribute("aria-label", t("send"));
    sendButton.appendChild(icon(SEND_ICON));
    form.appendChild(label);
    form.appendChild(input);
    form.appendChild(sendButton);

    panel.appendChild(header);
    panel.appendChild(scroller);
    panel.appendChild(statusLine);
    panel.appendChild(form);
    wrap.appendChild(panel);
    wrap.appendChild(launcher);

    ui = {
      host: host, root: root, wrap: wrap, launcher: launcher, badge: badge, panel: panel,
      scroller: scroller, log: log, typing: typing, typingText: typingText, status: statusLine,
      subtitle: subtitle,
      input: input, sendButton: sendButton, close: close
    };

    launcher.addEventListener("click", function () { if (state.open) { closePanel(); } else { openPanel(false); } });
    close.addEventListener("click", closePanel);
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.preventDefault(); closePanel(); }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = input.value;
      input.value = "";
      autosize();
      sendText(text);
      input.focus();
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event("submit", { cancelable: true }));
      }
    });
    input.addEventListener("input", function () {
      autosize();
      var now = Date.now();
      if (state.ready && now - state.typingSentAt > 3000) {
        state.typingSentAt = now;
        send({ type: "typing" });
      }
    });
    window.addEventListener("online", function () {
      if (!state.socket && state.token && !state.stopped) { state.attempt = 0; connect(); }
    });
    window.addEventListener("offline", function () { status(t("offline")); });
    document.body.appendChild(host);
  }

  function autosize() {
    ui.input.style.height = "auto";
    ui.input.style.height = Math.min(ui.input.scrollHeight, 120) + "px";
  }

  /** ``restoring``: reopened on a page load, so the page keeps its focus. */
  function openPanel(restoring) {
    state.open = true;
    ui.panel.hidden = false;
    ui.wrap.classList.add("sa-open");
    ui.launcher.setAttribute("aria-expanded", "true");
    setUnread(0);
    save({ open: true });
    scrollDown();
    if (!restoring) { ui.input.focus(); }
    if (state.token && !state.socket) { connect(); }
  }

  function closePanel() {
    state.open = false;
    ui.panel.hidden = true;
    ui.wrap.classList.remove("sa-open");
    ui.launcher.setAttribute("aria-expanded", "false");
    save({ open: false });
    ui.launcher.focus();
  }

  // --- start -----------------------------------------------------------------------------

  function start() {
    var stored = load();
    state.token = stored.token || "";
    requestSession(false).then(function (session) {
      build(session);
      if (stored.open) { openPanel(true); }
      else if (state.token && stored.activeAt && Date.now() - stored.activeAt < RECENT_MS) { connect(); }
    }, function (error) {
      if (window.console) { window.console.warn("Shop agent web chat is off:", error.message); }
    });
  }

  window.shopAgentWebchat = {
    open: function () { if (ui.panel) { openPanel(false); } },
    close: function () { if (ui.panel) { closePanel(); } },
    /** For tests and support: drop the socket as a network failure would. */
    dropConnection: function () { if (state.socket) { state.socket.close(); } },
    state: function () {
      return { conversationId: state.conversationId, lastSeq: state.lastSeq, ready: state.ready,
        pending: state.pending.length, attempt: state.attempt,
        responder: state.responder ? state.responder.name : null };
    }
  };

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); }
  else { start(); }
})();
