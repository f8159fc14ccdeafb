import { startWidget } from './widget';

startWidget();
