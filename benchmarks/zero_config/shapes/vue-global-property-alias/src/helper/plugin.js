import analyticsHelper from './analytics';

export default {
  install(Vue) {
    Vue.prototype.$analytics = analyticsHelper;
    Vue.prototype.$track = analyticsHelper.track;
  },
};
