// What other modules may use: the earlier recipients of corrected data (R24).
export { recipientsOfItems, type EarlierRecipient } from './register.ts';
