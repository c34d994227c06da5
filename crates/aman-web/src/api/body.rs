//! The JSON request body extractor every route shares.

use crate::error::AppError;
use axum::Json;
use axum::extract::rejection::JsonRejection;

/// A JSON body, with axum's rejections turned into our error codes.
pub(crate) struct Body<T>(pub(crate) T);

impl<T: serde::de::DeserializeOwned, S: Send + Sync> axum::extract::FromRequest<S> for Body<T> {
    type Rejection = AppError;

    async fn from_request(request: axum::extract::Request, state: &S) -> Result<Self, AppError> {
        let Json(value) =
            Json::<T>::from_request(request, state).await.map_err(|e: JsonRejection| AppError::from(e))?;
        Ok(Body(value))
    }
}
