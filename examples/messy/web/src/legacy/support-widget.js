/*
 * The support chat launcher from before the React app: a plain script tag on every page,
 * next to the Segment snippet (window.analytics).
 */
(function () {
  var FALLBACK_AGENT = "sam.carter@acmeenrich.io";

  function openChat(agent) {
    window.open("https://support.acmeenrich.io/chat?agent=" + encodeURIComponent(agent), "chat");
  }

  document.addEventListener("DOMContentLoaded", function () {
    var launcher = document.getElementById("support-launcher");
    if (!launcher) {
      return;
    }
    launcher.addEventListener("click", function () {
      window.analytics.track("support_chat_open", { page: window.location.pathname });
      openChat(launcher.dataset.agent || FALLBACK_AGENT);
    });
    document.getElementById("support-offline").addEventListener("click", function () {
      window.analytics.track("support_chat_opened", { agent: "sam.carter@acmeenrich.io" });
      openChat(FALLBACK_AGENT);
    });
  });
})();
