/** Region names in guardrail parameters must be real AWS Regions (src/model/regions.ts). */
import { didYouMeanAmong } from '../../core/suggest.js';
import { AWS_REGIONS, isKnownRegion } from '../../model/regions.js';
import type { ItemCheck } from './parameters.js';

export const checkRegion: ItemCheck = (item) =>
  isKnownRegion(item)
    ? undefined
    : {
        message: `"${item}" is not an AWS Region`,
        hint: didYouMeanAmong(item, AWS_REGIONS) ?? 'use a Region code such as eu-west-1 (AWS General Reference)',
      };
