/* As-you-type title suggestions for search boxes: the ARIA 1.2 combobox pattern over a plain form.
 *
 * Enhances every <input data-suggest-url="..."> inside a positioned wrapper. Without this
 * script (or without fetch) the input stays an ordinary search field and the form still works.
 * Keys: Down/Up move through suggestions, Enter picks one and searches, Escape closes the list.
 */
(function () {
  "use strict";

  var DELAY = 200;     // ms after the last keystroke before asking the server
  var MIN_LENGTH = 2;  // the API returns nothing for shorter text

  function enhance(input) {
    var url = input.getAttribute("data-suggest-url");
    var listId = input.id + "-suggestions";
    var statusText = input.getAttribute("data-suggest-status") || "{count}";
    var list = document.createElement("ul");
    var status = document.createElement("p");
    var timer = null, controller = null, lastValue = input.value.trim(), items = [], active = -1;

    list.id = listId;
    list.className = "suggestions";
    list.hidden = true;
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", input.getAttribute("data-suggest-label") || "");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    input.parentNode.appendChild(list);
    input.parentNode.appendChild(status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    function isOpen() { return !list.hidden; }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function open() {
      if (!items.length) { return; }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function highlight(index) {
      var options = list.children;
      if (active >= 0 && options[active]) { options[active].setAttribute("aria-selected", "false"); }
      active = index;
      if (index < 0) { input.removeAttribute("aria-activedescendant"); return; }
      options[index].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", options[index].id);
      if (options[index].scrollIntoView) { options[index].scrollIntoView({block: "nearest"}); }
    }

    function choose(index) {
      input.value = items[index];
      lastValue = input.value.trim();
      close();
      if (input.form.requestSubmit) { input.form.requestSubmit(); } else { input.form.submit(); }
    }

    function render(suggestions) {
      items = suggestions.slice(0, 5);
      active = -1;
      list.textContent = "";
      items.forEach(function (text, index) {
        var option = document.createElement("li");
        option.id = listId + "-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = text;  // titles are text, never HTML
        // Keep focus in the input while clicking, so the list does not close first.
        option.addEventListener("mousedown", function (event) { event.preventDefault(); });
        option.addEventListener("click", function () { choose(index); });
        list.appendChild(option);
      });
      if (items.length) { open(); } else { close(); }
      status.textContent = items.length ? statusText.replace("{count}", String(items.length)) : "";
    }

    function load() {
      var value = input.value.trim();
      if (value === lastValue) { return; }
      lastValue = value;
      if (controller) { controller.abort(); }
      controller = null;
      if (value.length < MIN_LENGTH) { render([]); return; }
      var options = {headers: {Accept: "application/json"}, credentials: "same-origin"};
      if (window.AbortController) {
        controller = new AbortController();
        options.signal = controller.signal;
      }
      fetch(url + "?q=" + encodeURIComponent(value), options)
        .then(function (response) { return response.ok ? response.json() : {suggestions: []}; })
        .then(function (data) {
          if (document.activeElement === input && input.value.trim() === value) { render(data.suggestions || []); }
        })
        .catch(function () {
          // Aborted by a newer keystroke, or offline: the form works without suggestions.
        });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(load, DELAY);
    });

    input.addEventListener("keydown", function (event) {
      var count = items.length;
      if (event.key === "ArrowDown" || event.key === "Down") {
        if (!count) { return; }
        event.preventDefault();
        if (!isOpen()) { open(); if (!event.altKey) { highlight(0); } return; }
        highlight(active + 1 >= count ? 0 : active + 1);
      } else if (event.key === "ArrowUp" || event.key === "Up") {
        if (!count) { return; }
        event.preventDefault();
        if (!isOpen()) { open(); }
        highlight(active <= 0 ? count - 1 : active - 1);
      } else if (event.key === "Enter") {
        if (isOpen() && active >= 0) { event.preventDefault(); choose(active); }
      } else if (event.key === "Escape" || event.key === "Esc") {
        if (isOpen()) { event.preventDefault(); close(); }
      } else if (event.key === "Tab") {
        close();
      }
    });

    input.addEventListener("blur", close);
  }

  if (!window.fetch || !document.querySelectorAll) { return; }
  Array.prototype.forEach.call(document.querySelectorAll("input[data-suggest-url]"), enhance);
})();
