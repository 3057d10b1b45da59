// The moderation queue with keys: j/k move, a approves, s spams, d trashes, x ticks,
// r replies; Shift+a/s/d act on every ticked comment. Buttons post in the background so
// the next comment is ready at once; every action is also a plain form post, so the page
// works without this script.
"use strict";
(function () {
  var form = document.getElementById("moderation");
  if (!form || !window.fetch || !window.FormData) return;
  var help = document.querySelector(".mod-keys");
  if (help) help.hidden = false;
  var current = null;

  // Comments acted on wait hidden (.is-done) for their answer; the keys skip them.
  function items() { return Array.prototype.slice.call(form.querySelectorAll(".mod-item:not(.is-done)")); }

  function select(item, quietly) {
    if (current) current.classList.remove("is-current");
    current = item || null;
    if (!current) return;
    current.classList.add("is-current");
    if (quietly) return;
    current.focus({ preventScroll: true });
    current.scrollIntoView({ block: "nearest" });
  }

  function move(step) {
    var list = items();
    if (!list.length) return;
    var index = list.indexOf(current);
    select(list[Math.min(list.length - 1, Math.max(0, index < 0 ? 0 : index + step))]);
  }

  function bump(status, delta) {
    var badge = document.querySelector('.mod-count[data-status="' + status + '"]');
    if (badge) badge.textContent = Math.max(0, Number(badge.textContent) + delta);
  }

  function announce(text) {
    var box = document.querySelector(".messages");
    if (!box) {
      box = document.createElement("ul");
      box.className = "messages";
      box.setAttribute("role", "status");
      form.parentNode.insertBefore(box, form);
    }
    box.innerHTML = "";
    var line = document.createElement("li");
    line.textContent = text;
    box.appendChild(line);
  }

  function act(button) {
    var item = button.closest(".mod-item");
    if (item.classList.contains("is-done")) return;
    var data = new FormData();
    data.append("csrfmiddlewaretoken", form.elements.csrfmiddlewaretoken.value);
    data.append("status", form.elements.status.value);
    data.append("act", button.value);
    // Move on at once: keys pressed before the answer comes act on the next comment, not
    // again on this one.
    var list = items();
    var next = list[list.indexOf(item) + 1] || list[list.indexOf(item) - 1];
    item.classList.add("is-done");
    item.hidden = true;
    if (next) select(next);
    fetch(form.action, {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (result) {
      if (!result.ok) throw new Error(result.body.message);
      item.remove();
      bump(form.elements.status.value, -1);
      bump({ a: "approved", s: "spam", d: "trash" }[button.dataset.key], 1);
      announce(result.body.message);
      if (!form.querySelector(".mod-item")) window.location.reload();
    }).catch(function () {
      // Fall back to the plain form post, which reports what happened.
      var hidden = document.createElement("input");
      hidden.type = "hidden"; hidden.name = "act"; hidden.value = button.value;
      form.appendChild(hidden);
      form.submit();
    });
  }

  form.addEventListener("click", function (event) {
    var button = event.target.closest('button[name="act"]');
    if (!button) return;
    event.preventDefault();
    act(button);
  });
  form.addEventListener("focusin", function (event) {
    var item = event.target.closest(".mod-item");
    if (item && item !== current) select(item);
  });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target.closest("input, textarea, select, [contenteditable]")) {
      if (!(event.target.type === "checkbox" && event.key !== " ")) return;
    }
    var key = event.key.toLowerCase();
    // On a Cyrillic layout (ru, kk) the same keys give other letters: use the key's place.
    if (!/^[a-z]$/.test(key) && /^Key[A-Z]$/.test(event.code || "")) key = event.code.slice(3).toLowerCase();
    var bulk = { a: "approve", s: "spam", d: "trash" }[key];
    if (event.shiftKey && bulk) {
      // Shift with a, s or d: the bulk button, for every ticked comment (a plain form post).
      var button = form.querySelector('button[name="bulk"][value="' + bulk + '"]');
      if (button && form.querySelector('input[name="ids"]:checked')) button.click();
      event.preventDefault();
      return;
    }
    if (key === "j") move(1);
    else if (key === "k") move(-1);
    else if (!current) return;
    else if (key === "x") current.querySelector('input[name="ids"]').click();
    else if (key === "r") current.querySelector('a[data-key="r"]').click();
    else {
      var button = current.querySelector('button[data-key="' + key + '"]');
      if (!button) return;
      act(button);
    }
    event.preventDefault();
  });

  select(items()[0], true);
})();
