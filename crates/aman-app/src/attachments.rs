//! Photos with a concern. A reporter adds them with the receipt; each is
//! decoded and encoded again, which keeps the picture (turned upright) and
//! drops everything else it carried — EXIF, GPS position, camera serial,
//! comments — then sealed under the data key like contact details, and
//! erased with them by retention. Staff who may see the concern list and
//! open them; every opening is audited.

use crate::concerns;
use crate::{Actor, App, Error};
use aman_core::role::Action;
use aman_core::secrets;
use aman_db::AttachmentInfo;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use std::io::Cursor;

/// The largest file accepted (a phone photo is 2–5 MB).
pub const MAX_BYTES: usize = 10 << 20;
/// The most photos on one concern.
pub const MAX_PER_CONCERN: i64 = 5;
/// The largest picture decoded, in pixels a side, and the memory its
/// decoding may take: a small file cannot unpack into gigabytes.
const MAX_SIDE: u32 = 8_000;
const MAX_DECODE_BYTES: u64 = 256 << 20;

/// A picture decoded and encoded again in its own format, upright, with
/// nothing but its pixels. `content_type` is what the sender declared; it
/// must agree with the bytes.
pub fn clean_image(bytes: &[u8], content_type: &str) -> Result<(Vec<u8>, &'static str), Error> {
    let format = match content_type.split(';').next().unwrap_or_default().trim() {
        "image/jpeg" => ImageFormat::Jpeg,
        "image/png" => ImageFormat::Png,
        _ => return Err(Error::UnsupportedMediaType),
    };
    let unreadable = || Error::field("file", "unreadable_image");
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|_| unreadable())?;
    let orientation = decoder.orientation().map_err(|_| unreadable())?;
    let mut picture = DynamicImage::from_decoder(decoder).map_err(|_| unreadable())?;
    picture.apply_orientation(orientation);
    let mut out = Vec::new();
    let (picture, content_type) = match format {
        // JPEG holds no alpha channel.
        ImageFormat::Jpeg => (DynamicImage::ImageRgb8(picture.to_rgb8()), "image/jpeg"),
        _ => (picture, "image/png"),
    };
    picture.write_to(&mut Cursor::new(&mut out), format).map_err(|_| unreadable())?;
    Ok((out, content_type))
}

/// A photo checked and cleaned ([`clean_image`]), not yet stored.
pub struct CleanPhoto {
    bytes: Vec<u8>,
    content_type: &'static str,
}

/// Checks a photo as sent (size, type, a picture that decodes) and cleans it.
pub fn prepare(content_type: &str, bytes: &[u8]) -> Result<CleanPhoto, Error> {
    if bytes.len() > MAX_BYTES {
        return Err(Error::PayloadTooLarge);
    }
    let (bytes, content_type) = clean_image(bytes, content_type)?;
    Ok(CleanPhoto { bytes, content_type })
}

/// The reporter adds a photo to their concern; its id.
pub async fn add(state: &App, receipt: &str, content_type: &str, bytes: &[u8]) -> Result<i64, Error> {
    let tracked = concerns::track(state, receipt).await?;
    let photo = prepare(content_type, bytes)?;
    store(state, tracked.id, &photo, MAX_PER_CONCERN).await?.ok_or_else(|| Error::field("file", "too_many_attachments"))
}

/// The photo sent with the report itself, stored once: sending the same
/// report again (a refresh, Back) adds nothing when the concern already has
/// a photo. Its id, or `None` when one was there.
pub async fn with_report(state: &App, receipt: &str, photo: &CleanPhoto) -> Result<Option<i64>, Error> {
    let tracked = concerns::track(state, receipt).await?;
    store(state, tracked.id, photo, 1).await
}

/// Seals and stores a photo unless the concern already has `max`, audited.
async fn store(state: &App, concern: i64, photo: &CleanPhoto, max: i64) -> Result<Option<i64>, Error> {
    let record = state.db().concern(concern).await?.ok_or(Error::NotFound)?;
    let sealed = state.keys().seal(&secrets::attachment_context(&record.receipt_hash), &photo.bytes, crate::random());
    let mut tx = state.db().begin().await?;
    let size = photo.bytes.len() as i64;
    let Some(id) = tx.add_attachment(concern, photo.content_type, size, &sealed, max, state.now_ms()).await? else {
        return Ok(None);
    };
    state.audit_in(&mut tx, None, "attachment.add", &format!("concern:{concern}"), photo.content_type).await?;
    tx.commit().await?;
    Ok(Some(id))
}

/// The photos of a concern the staff member may see.
pub async fn list(state: &App, staff: &Actor, concern: i64) -> Result<Vec<AttachmentInfo>, Error> {
    concerns::load(state, staff, concern, Action::ViewConcerns).await?;
    Ok(state.db().attachments_of(concern).await?)
}

/// One photo, opened; the opening is audited.
pub async fn open(state: &App, staff: &Actor, concern: i64, id: i64) -> Result<(String, Vec<u8>), Error> {
    let record = concerns::load(state, staff, concern, Action::ViewConcerns).await?;
    let attachment = state.db().attachment(concern, id).await?.ok_or(Error::NotFound)?;
    let plain = state
        .keys()
        .open(&secrets::attachment_context(&record.receipt_hash), &attachment.sealed)
        .map_err(Error::internal)?;
    state
        .audit(Some(staff.user.id), "attachment.view", &format!("concern:{concern}"), &format!("attachment:{id}"))
        .await?;
    Ok((attachment.content_type, plain))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_photo_comes_back_as_pixels_only() {
        let mut picture = image::RgbImage::new(4, 3);
        picture.put_pixel(1, 1, image::Rgb([200, 10, 10]));
        let mut png = Vec::new();
        DynamicImage::ImageRgb8(picture).write_to(&mut Cursor::new(&mut png), ImageFormat::Png).expect("png");
        // A text chunk riding along, as a camera or editor would add.
        let marker = b"tEXtComment\0taken at 36.34N 43.13E by phone 0770";
        let mut chunk = (marker.len() as u32 - 4).to_be_bytes().to_vec();
        chunk.extend_from_slice(marker);
        chunk.extend_from_slice(&[0, 0, 0, 0]);
        let end = png.len() - 12;
        png.splice(end..end, chunk);
        let (clean, content_type) = clean_image(&png, "image/png").expect("clean");
        assert_eq!(content_type, "image/png");
        assert!(!clean.windows(7).any(|w| w == b"36.34N "), "the text chunk is gone");
        let back = image::load_from_memory(&clean).expect("decodes").to_rgb8();
        assert_eq!((back.width(), back.height(), back.get_pixel(1, 1).0), (4, 3, [200, 10, 10]));
        assert!(matches!(clean_image(&png, "application/pdf"), Err(Error::UnsupportedMediaType)));
        assert!(clean_image(b"not a picture", "image/jpeg").is_err());
    }
}
