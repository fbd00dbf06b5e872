// The BIRD peers template (templates/bird/peers.conf.hbs) with BIRD-specific escaping helpers.
import { templateRenderer } from '../templates.js';
import { birdCommentText, birdString, birdSymbol } from './escape.js';
import type { BirdPeersView } from './peers.js';

export const renderPeersConf = templateRenderer<BirdPeersView>('bird/peers.conf.hbs', {
  sym: birdSymbol,
  str: birdString,
  comment: birdCommentText,
});
