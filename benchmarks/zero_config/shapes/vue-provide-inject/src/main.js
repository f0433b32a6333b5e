import { createApp } from 'vue';
import * as amplitude from '@amplitude/analytics-browser';
import App from './App.vue';

amplitude.init('key');
const app = createApp(App);
app.provide('amplitude', amplitude);
app.mount('#app');
