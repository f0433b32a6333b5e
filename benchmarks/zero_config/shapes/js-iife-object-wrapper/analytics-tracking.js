(function(window, document) {
  'use strict';

  var EVENTS = {
    DOWNLOAD: 'Download',
    DATASET_PAGE_VIEW: 'Dataset page view'
  };

  var AnalyticsTracker = {
    isReady: function() {
      return typeof window.rudderanalytics !== 'undefined' && window.rudderanalytics.track;
    },

    track: function(eventName, properties) {
      var props = Object.assign({}, properties || {});
      if (this.isReady()) {
        window.rudderanalytics.track(eventName, props);
      }
    }
  };

  function onDownload(event) {
    AnalyticsTracker.track(EVENTS.DOWNLOAD, { url: event.target.href });
  }

  AnalyticsTracker.track(EVENTS.DATASET_PAGE_VIEW, { dataset_id: 'd1' });
  document.addEventListener('click', onDownload);
  window.CKANAnalytics = AnalyticsTracker;
})(window, document);
