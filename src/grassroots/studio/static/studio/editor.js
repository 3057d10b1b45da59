// The studio editor, layered on a form that works without it: toolbar, live preview,
// autosave (every few seconds and when the tab closes), tags, photos while writing.
// Our own small script: no inline code, nothing from other sites (CSP stays strict).
(function () {
  "use strict";
  var form = document.querySelector("form.editor");
  if (!form) return;
  var body = form.querySelector("textarea[name=body]");
  var title = form.querySelector("input[name=title]");
  var version = form.querySelector("input[name=version]");
  var status = document.getElementById("save-status");
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var dirty = false, saving = false, stopped = false, inflight = null;
  var lang = document.documentElement.lang;
  var words = {
    en: { saving: "Saving…", saved: "Saved at ", failed: "Not saved: check your connection. Your text stays here.", link: "Address of the link", alt: "Describe the photo", force: "Save my text anyway", bold: "bold", italic: "italic", linkText: "link", heading: "Heading", quote: "Quoted words", name: "Name" },
    ru: { saving: "Сохраняем…", saved: "Сохранено в ", failed: "Не сохранено: проверьте подключение. Текст остаётся здесь.", link: "Адрес ссылки", alt: "Опишите фото", force: "Всё равно сохранить мой текст", bold: "жирный", italic: "курсив", linkText: "ссылка", heading: "Заголовок", quote: "Слова цитаты", name: "Имя" },
    kk: { saving: "Сақталуда…", saved: "Сақталды: ", failed: "Сақталмады: байланысты тексеріңіз. Мәтін осында қалады.", link: "Сілтеме мекенжайы", alt: "Фотоны сипаттаңыз", force: "Бәрібір менің мәтінімді сақтау", bold: "қалың", italic: "көлбеу", linkText: "сілтеме", heading: "Тақырып", quote: "Дәйексөз сөздері", name: "Аты-жөні" }
  }[lang] || null;
  words = words || { saving: "Saving…", saved: "Saved at ", failed: "Not saved.", link: "Link", alt: "Alt", force: "Save anyway", bold: "bold", italic: "italic", linkText: "link", heading: "Heading", quote: "Quote", name: "Name" };
  var placing = null; // "photo" or "gallery" while files chosen from the toolbar upload

  document.querySelectorAll("[hidden].toolbar, .js-only[hidden], .editor-preview[hidden], .gallery-bar[hidden]").forEach(function (el) { el.hidden = false; });
  document.querySelectorAll(".no-js-pick").forEach(function (el) { el.hidden = true; });
  form.classList.add("enhanced");

  function post(url, data, options) {
    data.append("csrfmiddlewaretoken", csrf);
    return fetch(url, Object.assign({ method: "POST", body: data, credentials: "same-origin", headers: { "X-Requested-With": "fetch" } }, options || {}));
  }

  // --- text helpers: insert at the cursor, wrap the selection ---
  // put() replaces the selection with `text`; `pick` is [from, to] inside `text` to leave
  // selected (a placeholder the person types over), else the cursor goes after it.
  function put(text, pick) {
    var start = body.selectionStart;
    body.focus();
    body.setRangeText(text, start, body.selectionEnd, "end");
    if (pick) body.setSelectionRange(start + pick[0], start + pick[1]);
    changed();
  }
  function picked() { return body.value.slice(body.selectionStart, body.selectionEnd); }
  function wrap(before, after, placeholder) {
    var text = picked();
    put(before + (text || placeholder) + after, text ? null : [before.length, before.length + placeholder.length]);
  }
  // A block on lines of its own, blank lines around it; `pick` as in put().
  function block(text, pick) {
    var value = body.value, start = body.selectionStart, end = body.selectionEnd;
    var lead = start === 0 ? "" : value[start - 1] !== "\n" ? "\n\n" : (start > 1 && value[start - 2] !== "\n" ? "\n" : "");
    var tail = value[end] !== "\n" ? "\n\n" : (value[end + 1] !== "\n" ? "\n" : "");
    put(lead + text + tail, pick ? [lead.length + pick[0], lead.length + pick[1]] : null);
  }
  // A quote with its attribution: the selected words (or a placeholder to type over), then
  // "— Name" with the name selected, so the next thing typed is who said it.
  function quote() {
    var text = picked().replace(/\s+$/, ""), lines = (text || words.quote).split("\n");
    var attributed = lines.length > 1 && /^(— |-- |― )/.test(lines[lines.length - 1]);
    var quoted = lines.map(function (line) { return line ? "> " + line : ">"; }).join("\n");
    if (attributed) return block(quoted);
    var full = quoted + "\n>\n> — " + words.name;
    block(full, text ? [full.length - words.name.length, full.length] : [2, 2 + words.quote.length]);
  }
  var toolbar = document.querySelector(".toolbar");
  if (toolbar) toolbar.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-md]");
    if (!button) return;
    var kind = button.dataset.md;
    if (kind === "bold") wrap("**", "**", words.bold);
    else if (kind === "italic") wrap("*", "*", words.italic);
    else if (kind === "link") { var url = window.prompt(words.link, "https://"); if (url) wrap("[", "](" + url + ")", words.linkText); }
    else if (kind === "heading") { var text = picked().replace(/\s+/g, " ").trim(); block("## " + (text || words.heading), text ? null : [3, 3 + words.heading.length]); }
    else if (kind === "quote") quote();
    else if (kind === "gallery" && pickedForGallery().length) insertGallery(pickedForGallery());
    // Photo and gallery: choose files; once uploaded they go where the cursor was.
    else if (kind === "photo" || kind === "gallery") { var input = form.querySelector("input[type=file][name=photos]"); if (input) { placing = kind; input.click(); } }
  });

  // --- live preview, checks, counts ---
  var previewUrl = form.dataset.previewUrl, previewTimer = null;
  var live = document.getElementById("live-preview"), liveTitle = document.getElementById("live-title");
  function refreshPreview() {
    var data = new FormData();
    data.append("body", body.value);
    data.append("title", title ? title.value : "-");
    post(previewUrl, data).then(function (r) { return r.json(); }).then(function (result) {
      if (live) live.innerHTML = result.html; // sanitised by core/text.py, as on the public page
      if (liveTitle && title) liveTitle.textContent = title.value;
      var checks = document.getElementById("checks");
      if (checks && result.checks) {
        checks.textContent = "";
        if (result.checks.length) {
          var list = document.createElement("ul"); list.className = "checks";
          result.checks.forEach(function (text) { var li = document.createElement("li"); li.textContent = text; list.appendChild(li); });
          checks.appendChild(list);
        } else { var ok = document.createElement("p"); ok.className = "ready"; ok.textContent = "✓"; checks.appendChild(ok); }
      }
      var counts = document.getElementById("counts");
      if (counts) counts.textContent = result.counts; // in the person's language
    }).catch(function () {});
  }

  // --- autosave ---
  var autosaveUrl = form.dataset.autosaveUrl;
  // The browser's own copy of what is typed, until the server has it: one per post or page,
  // and one for a new post and one for a new page (a page's text must not open as a post).
  var pageKey = form.dataset.kind === "page" ? "page-" : "";
  function keyFor(id) { return "grassroots-draft:" + pageKey + (id || "new"); }
  var backupKey = keyFor(form.dataset.post);
  function changed() {
    dirty = true;
    if (autosaveUrl) try { localStorage.setItem(backupKey, JSON.stringify({ title: title.value, body: body.value, version: version.value })); } catch (e) {}
    clearTimeout(previewTimer);
    previewTimer = setTimeout(refreshPreview, 400);
  }
  function formData() {
    var data = new FormData(form);
    data.delete("photos"); data.delete("action"); data.delete("csrfmiddlewaretoken");
    return data;
  }
  function autosave(closing) {
    if (!autosaveUrl || !dirty || stopped || (saving && !closing)) return Promise.resolve();
    saving = true; dirty = false;
    if (status) status.textContent = words.saving;
    var request = post(autosaveUrl, formData(), closing ? { keepalive: true } : {});
    if (closing) return request;
    inflight = request.then(function (response) {
      return response.json().then(function (result) { return { ok: response.ok, status: response.status, result: result }; });
    }).then(function (answer) {
      saving = false;
      if (answer.status === 409) { stopped = true; showConflict(answer.result.error); return; }
      if (!answer.ok) { dirty = true; status.textContent = answer.result.error || words.failed; return; }
      version.value = answer.result.version;
      status.textContent = words.saved + answer.result.saved;
      showPending(answer.result.pending);
      try { localStorage.removeItem(backupKey); } catch (e) {}
      if (!form.dataset.post) {
        form.dataset.post = answer.result.id;
        form.action = answer.result.edit_url;
        autosaveUrl = answer.result.autosave_url;
        backupKey = keyFor(answer.result.id);
        history.replaceState(null, "", answer.result.edit_url);
        revealLinks(answer.result);
      }
    }).catch(function () { saving = false; dirty = true; if (status) status.textContent = words.failed; })
      .then(function () { inflight = null; });
    return inflight;
  }
  // A new post's (or page's) preview, revisions and share links, hidden until it has an address.
  function revealLinks(result) {
    document.querySelectorAll("[data-post-links] [data-url], #share-form[data-url]").forEach(function (el) {
      var url = result[el.dataset.url];
      if (!url) return;
      if (el.tagName === "FORM") el.action = url; else el.href = url;
    });
    document.querySelectorAll("[data-post-links]").forEach(function (el) { el.hidden = false; });
  }
  // A public post's first change waits as pending: show its buttons now, not after a reload;
  // typed back to what readers see, nothing waits and they go again.
  function showPending(pending) {
    document.querySelectorAll("[data-pending-shown]").forEach(function (el) { el.hidden = !pending; });
    document.querySelectorAll("[data-pending-hidden]").forEach(function (el) { el.hidden = pending; });
  }
  function showConflict(message) {
    var box = document.getElementById("conflict");
    if (!box) return;
    box.textContent = message + " ";
    // Saving anyway keeps the other person's text as a revision: nothing is lost.
    var force = document.createElement("button");
    force.type = "button";
    force.textContent = words.force;
    force.addEventListener("click", function () {
      var flag = document.createElement("input");
      flag.type = "hidden"; flag.name = "force"; flag.value = "1";
      form.appendChild(flag);
      form.querySelector("button[value=save]").click();
    });
    box.appendChild(force);
    box.hidden = false;
    box.scrollIntoView({ block: "center" });
  }
  // A browser that died before saving: offer the text it kept.
  try {
    var kept = JSON.parse(localStorage.getItem(backupKey) || "null");
    if (kept && kept.version === version.value && (kept.body !== body.value || kept.title !== title.value)) {
      body.value = kept.body; title.value = kept.title; dirty = true;
    }
  } catch (e) {}
  // Typing on a photo's card changes the photo, not the text (saved on its own, below).
  form.addEventListener("input", function (event) { if (event.target.type !== "file" && !cardField(event.target)) changed(); });
  var madeFirst = false;
  form.addEventListener("submit", function (event) {
    // A button pressed while an autosave is under way waits for it: otherwise a new post
    // would be made twice, or the person's own autosave would look like someone else's edit.
    // A new post (or page) is made by an autosave first, so that its address is in the
    // history: Back (after Preview) then returns to it, not to a blank new one that saves twice.
    var first = Boolean(autosaveUrl) && !form.dataset.post && dirty && !madeFirst;
    if (inflight || first) {
      event.preventDefault();
      madeFirst = true;
      var button = event.submitter;
      (inflight || autosave(false)).then(function () { form.requestSubmit(button); });
      return;
    }
    stopped = true;
  });
  // Back to a page kept whole by the browser: its form is older than what was saved since.
  window.addEventListener("pageshow", function (event) { if (event.persisted) window.location.reload(); });
  // Typed before this script arrived (a slow phone): a change like any other, saved too.
  if (title.value !== title.defaultValue || body.value !== body.defaultValue) changed();
  setInterval(function () { autosave(false); }, 3000);
  document.addEventListener("visibilitychange", function () { if (document.visibilityState === "hidden") autosave(true); });
  window.addEventListener("pagehide", function () { autosave(true); });
  // "Preview as a reader" shows what was saved: save what was just typed first.
  document.querySelectorAll("a[data-save-first]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (!dirty) return;
      event.preventDefault();
      var go = function () { window.location.href = link.href; };
      autosave(false).then(go, go);
    });
  });
  refreshPreview();

  // --- tags: type and press Enter or comma ---
  var tags = form.querySelector("input[name=tags]");
  if (tags) tags.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { event.preventDefault(); if (tags.value.trim() && !/,\s*$/.test(tags.value)) tags.value = tags.value.replace(/\s*$/, ", "); }
  });

  // --- photos while writing ---
  var cards = document.getElementById("photo-cards");
  var template = document.getElementById("photo-card-template");
  var photoUrl = form.dataset.photoUrl;
  function addCard(photo) {
    if (!cards || !template || cards.querySelector('[data-photo="' + photo.id + '"]')) return;
    var html = template.innerHTML.split("__ID__").join(String(photo.id));
    var holder = document.createElement("ul"); holder.innerHTML = html;
    var card = holder.firstElementChild;
    card.querySelector("img").src = photo.src;
    card.querySelector("img").dataset.width = photo.width || "";
    card.querySelector("input[name^=alt_]").value = photo.alt || "";
    card.querySelector("input[name^=caption_]").value = photo.caption || "";
    card.querySelectorAll(".js-only").forEach(function (el) { el.hidden = false; });
    card.querySelectorAll(".no-js-pick").forEach(function (el) { el.hidden = true; });
    cards.appendChild(card);
    // Back on the cards: no longer removed (see removeCard).
    form.querySelectorAll('input[type=hidden][name=remove_photo][value="' + photo.id + '"]').forEach(function (el) { el.remove(); });
  }
  // Off the post's cards at its next autosave; the photo stays in the library (and on the
  // cards after a reload while the text still shows it).
  function removeCard(id) {
    var card = cards.querySelector('[data-photo="' + id + '"]');
    if (card) card.remove();
    var flag = document.createElement("input");
    flag.type = "hidden"; flag.name = "remove_photo"; flag.value = id;
    form.appendChild(flag);
    changed();
    autosave(false);
  }
  // Only the reference: alt text and caption stay the photo's own (filled in on its card),
  // so correcting them later shows up everywhere the photo is.
  function markdownFor(id) { return "![](photo:" + id + ")"; }
  function pickedForGallery() {
    return Array.prototype.map.call(document.querySelectorAll("[data-gallery]:checked"), function (box) { return box.dataset.gallery; });
  }
  function insertGallery(ids) {
    block("```gallery\n" + ids.map(function (id) { return "photo:" + id; }).join("\n") + "\n```");
    document.querySelectorAll("[data-gallery]:checked").forEach(function (box) { box.checked = false; });
  }
  var fileInput = form.querySelector("input[type=file][name=photos]");
  function upload(files) {
    if (!files.length) return;
    var data = new FormData();
    Array.prototype.forEach.call(files, function (file) { data.append("photos", file); });
    var blur = form.querySelector("input[name=blur_faces]");
    if (blur && blur.checked) data.append("blur_faces", "1");
    status.textContent = words.saving;
    var place = placing; placing = null;
    post(form.dataset.uploadUrl, data).then(function (r) { return r.json(); }).then(function (result) {
      var photos = result.photos || [];
      photos.forEach(addCard);
      // Kept on the post's cards at once (its next autosave), in the text or not yet.
      if (photos.length) { dirty = true; autosave(false); }
      status.textContent = (result.refused || []).join(" ");
      if (fileInput) fileInput.value = "";
      var ids = photos.map(function (photo) { return String(photo.id); });
      if (ids.length && place === "gallery") insertGallery(ids);
      else if (ids.length && place === "photo") block(ids.map(markdownFor).join("\n\n"));
      // Next: describe the first one, right there on its card.
      var first = photos[0] && document.getElementById("alt_" + photos[0].id);
      if (first) { first.focus(); first.scrollIntoView({ block: "center" }); }
    }).catch(function () { status.textContent = words.failed; });
  }
  if (fileInput) {
    fileInput.addEventListener("change", function () { upload(fileInput.files); });
    fileInput.addEventListener("cancel", function () { placing = null; });
  }
  var zone = document.getElementById("dropzone");
  if (zone) {
    zone.addEventListener("dragover", function (event) { event.preventDefault(); zone.classList.add("over"); });
    zone.addEventListener("dragleave", function () { zone.classList.remove("over"); });
    zone.addEventListener("drop", function (event) { event.preventDefault(); zone.classList.remove("over"); upload(event.dataTransfer.files); });
  }
  document.addEventListener("click", function (event) {
    var target = event.target.closest("[data-insert], [data-pick], #insert-gallery, [data-blur], [data-remove]");
    if (!target) return;
    if (target.dataset.insert) { block(markdownFor(target.dataset.insert)); }
    else if (target.dataset.pick) {
      addCard({ id: target.dataset.pick, width: target.dataset.width, src: target.dataset.src, alt: target.dataset.alt, caption: target.dataset.caption });
      block(markdownFor(target.dataset.pick));
    } else if (target.id === "insert-gallery") {
      if (pickedForGallery().length) insertGallery(pickedForGallery());
    } else if (target.dataset.blur) { startBlur(target.dataset.blur); }
    else if (target.dataset.remove) { removeCard(target.dataset.remove); }
  });
  // Alt text and caption belong to the photo and are saved to it as they are typed: a moment
  // after the last key (as the text's autosave), when the field is left, before the tab
  // closes, and with the form (the path without JavaScript).
  var cardTimers = {}, cardQueues = {};
  function cardField(input) { return /^(alt|caption)_(\d+)$/.exec(input && input.name || ""); }
  function saveCardField(input, closing) {
    var match = cardField(input);
    if (!match) return;
    clearTimeout(cardTimers[input.name]); delete cardTimers[input.name];
    if (input.dataset.saved === input.value) return;
    input.dataset.saved = input.value;
    // Only the field that changed: the server saves only what came, so one field's save
    // never puts back the other field's older value.
    var data = new FormData();
    data.append(match[1] === "alt" ? "alt_text" : "caption", input.value);
    var url = photoUrl.replace("/0/", "/" + match[2] + "/");
    if (closing) { post(url, data, { keepalive: true }); return; }
    // One field's saves go one after another: an older value never lands after a newer one.
    cardQueues[input.name] = (cardQueues[input.name] || Promise.resolve()).then(function () {
      return post(url, data).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        input.classList.toggle("missing", match[1] === "alt" && !input.value.trim());
        refreshPreview();
      });
    }).catch(function () { delete input.dataset.saved; if (status) status.textContent = words.failed; });
  }
  function saveCardsNow() {
    Object.keys(cardTimers).forEach(function (name) { saveCardField(form.elements[name], true); });
  }
  if (cards) {
    cards.addEventListener("input", function (event) {
      var input = event.target;
      if (!cardField(input)) return;
      clearTimeout(cardTimers[input.name]);
      cardTimers[input.name] = setTimeout(function () { saveCardField(input, false); }, 800);
    });
    cards.addEventListener("change", function (event) { saveCardField(event.target, false); });
    document.addEventListener("visibilitychange", function () { if (document.visibilityState === "hidden") saveCardsNow(); });
    window.addEventListener("pagehide", saveCardsNow);
  }

  // --- blur a region: drag a rectangle over the photo ---
  var dialog = document.getElementById("blur-dialog"), stage = document.getElementById("blur-stage");
  var image = document.getElementById("blur-image"), box = document.getElementById("blur-box");
  var blurId = null, origin = null, rect = null;
  function startBlur(id) {
    blurId = id; rect = null; box.hidden = true;
    var card = cards.querySelector('[data-photo="' + id + '"] img');
    image.src = card.src; dialog.hidden = false; dialog.scrollIntoView({ block: "center" });
  }
  if (stage) {
    stage.addEventListener("pointerdown", function (event) {
      var bounds = image.getBoundingClientRect();
      origin = { x: event.clientX - bounds.left, y: event.clientY - bounds.top }; event.preventDefault();
    });
    stage.addEventListener("pointermove", function (event) {
      if (!origin) return;
      var bounds = image.getBoundingClientRect();
      var x = Math.max(0, Math.min(event.clientX - bounds.left, bounds.width)), y = Math.max(0, Math.min(event.clientY - bounds.top, bounds.height));
      rect = { x: Math.min(x, origin.x), y: Math.min(y, origin.y), w: Math.abs(x - origin.x), h: Math.abs(y - origin.y), scale: image.naturalWidth / bounds.width };
      box.hidden = false;
      box.style.left = rect.x + "px"; box.style.top = rect.y + "px"; box.style.width = rect.w + "px"; box.style.height = rect.h + "px";
    });
    window.addEventListener("pointerup", function () { origin = null; });
    document.getElementById("blur-cancel").addEventListener("click", function () { dialog.hidden = true; });
    document.getElementById("blur-apply").addEventListener("click", function () {
      if (!rect || rect.w < 2 || rect.h < 2) return;
      var data = new FormData();
      var card = cards.querySelector('[data-photo="' + blurId + '"] img');
      // The thumbnail is a rendition; the server's rectangle is in master pixels.
      var master = Number(card.dataset.width || 0) || image.naturalWidth;
      var factor = master / image.getBoundingClientRect().width;
      data.append("regions", JSON.stringify([[rect.x, rect.y, rect.w, rect.h].map(function (n) { return Math.round(n * factor); })]));
      post(photoUrl.replace("/0/", "/" + blurId + "/") + "blur/", data).then(function (r) { return r.json(); }).then(function (photo) {
        if (photo.src) { card.src = photo.src; dialog.hidden = true; refreshPreview(); }
      });
    });
  }
})();
