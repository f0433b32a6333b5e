define(['backbone'], function (Backbone) {
    'use strict';

    return Backbone.View.extend({
        initialize: function () {
            this.listenTo(this.model, 'segment:track', this.track);
        },

        track: function (eventType, properties) {
            window.analytics.track(eventType, properties);
        }
    });
});
