export type { MaskContext, MaskOf, MaskStyle, MaskStyleName } from './maskStyle.js';
export { MASK_STYLES } from './maskStyles.js';
export { compileMask, compilePrimitiveMask, type Masker, maskFits, maskValue } from './maskValue.js';
