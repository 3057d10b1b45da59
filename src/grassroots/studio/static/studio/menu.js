// Order the site's menu by dragging; the up/down buttons do the same without JavaScript.
(function () {
  "use strict";
  var list = document.getElementById("menu-items");
  if (!list) return;
  var csrf = document.querySelector("input[name=csrfmiddlewaretoken]").value;
  var dragged = null;
  list.classList.add("draggable");
  list.addEventListener("dragstart", function (event) {
    dragged = event.target.closest("li");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", dragged.dataset.id);
    dragged.classList.add("dragging");
  });
  list.addEventListener("dragover", function (event) {
    event.preventDefault();
    var over = event.target.closest("li");
    if (!over || over === dragged) return;
    var box = over.getBoundingClientRect();
    list.insertBefore(dragged, event.clientY > box.top + box.height / 2 ? over.nextSibling : over);
  });
  list.addEventListener("dragend", function () {
    dragged.classList.remove("dragging");
    var data = new FormData();
    data.append("csrfmiddlewaretoken", csrf);
    list.querySelectorAll("li").forEach(function (li) { data.append("ids", li.dataset.id); });
    fetch(list.dataset.orderUrl, { method: "POST", body: data, credentials: "same-origin" }).then(function () {
      // The arrows follow the new order: only the first cannot go up, the last down.
      var items = list.querySelectorAll("li");
      items.forEach(function (li, index) {
        li.querySelector("[value=up]").disabled = index === 0;
        li.querySelector("[value=down]").disabled = index === items.length - 1;
      });
      list.dispatchEvent(new CustomEvent("menu-saved"));
      list.dataset.saved = String(Date.now());
    });
  });
})();
