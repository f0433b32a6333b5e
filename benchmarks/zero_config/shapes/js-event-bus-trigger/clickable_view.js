define(['backbone'], function (Backbone) {
    'use strict';

    return Backbone.View.extend({
        events: {click: 'onClick'},

        onClick: function () {
            // trackEventType comes from the element's data-track-event attribute
            this.model.trigger('segment:track', this.options.trackEventType, this.options.trackProperties);
        }
    });
});
