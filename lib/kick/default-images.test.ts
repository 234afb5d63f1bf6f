import { describe, expect, it } from 'vitest';
import { isKickDefaultImage, realPicture } from './default-images';

describe("Kick's placeholder pictures", () => {
  it.each([
    'https://kick.com/img/default-profile-pictures/default2.jpeg',
    'https://kick.com/img/default-banner-pictures/default2.jpeg',
    'https://files.kick.com/images/channel/7560176/banner_image/default-banner-2.jpg',
  ])('counts %s as no picture', (url) => {
    expect(isKickDefaultImage(url)).toBe(true);
    expect(realPicture(url)).toBeUndefined();
  });

  it.each([
    'https://files.kick.com/images/user/1001/profile_image/conversion/avatar-fullsize.webp',
    'https://files.kick.com/images/channel/3233623/banner_image/c7cc33a7-8d75-4809-8613-2d797da8842e',
    'https://evil.example/img/default-profile-pictures/default2.jpeg',
    'not a url',
  ])('keeps %s', (url) => {
    expect(isKickDefaultImage(url)).toBe(false);
  });
});
