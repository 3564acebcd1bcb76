export { createLessonsFeature } from './lessons.feature.ts';
