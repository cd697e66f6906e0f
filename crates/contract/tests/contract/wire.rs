//! Requests with each provider's real authentication, implemented here from the vendor docs
//! (not borrowed from the sandbox or the client crates).

use std::time::{SystemTime, UNIX_EPOCH};

use customer_sandbox::{Provider, Sandbox};
use hmac::{Hmac, Mac};
use md5::{Digest, Md5};
use reqwest::Method;
use serde_json::Value;
use sha2::Sha256;

use crate::spec::Spec;

/// Which credentials a case sends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Auth {
    /// The sandbox's valid credentials, the documented way.
    Good,
    /// Gofive token request with the client authenticated by HTTP Basic (RFC 6749 §2.3.1).
    Basic,
    /// eshouhou token request with a lowercase-hex `sign` (the docs say uppercase).
    LowercaseSign,
    /// A wrong key: Pluuug `X-API-Key`, Gofive subscription key, eshouhou `appid` / access
    /// token, nd bearer.
    WrongKey,
    /// A wrong secret: Pluuug HMAC key, Gofive `client_secret` / bearer token, eshouhou
    /// `appSecret` / access token, nd bearer.
    WrongSecret,
    /// No credentials at all.
    Missing,
}

/// A request body.
#[derive(Clone, Debug)]
pub enum Body {
    /// None (Gofive's token endpoint: the client-credentials form built from [`Auth`]).
    Empty,
    Json(Value),
    /// Exact bytes sent as `application/json` (for malformed JSON).
    Raw(&'static str),
    /// A form, sent as is (credentials are not added).
    Form(Vec<(&'static str, &'static str)>),
}

/// What the response of a case must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Declared status, body valid against the declared schema.
    Conforms,
    /// A fault knob that breaks the contract on purpose (wrong type, `null`, malformed JSON):
    /// the check must reject it, proving the validator sees such breakage.
    Rejected,
}

/// One request of the case table.
#[derive(Clone, Debug)]
pub struct Case {
    pub method: Method,
    /// Path and query, relative to the sandbox's base URL.
    pub path: String,
    pub body: Body,
    pub auth: Auth,
    /// The status the case is meant to produce (so a case cannot silently stop covering it).
    pub status: Option<u16>,
    pub outcome: Outcome,
    pub note: &'static str,
}

impl Case {
    pub fn new(method: Method, path: impl Into<String>, body: Body) -> Case {
        Case {
            method,
            path: path.into(),
            body,
            auth: Auth::Good,
            status: None,
            outcome: Outcome::Conforms,
            note: "",
        }
    }

    /// Expects this HTTP status.
    pub fn status(mut self, status: u16) -> Case {
        self.status = Some(status);
        self
    }

    /// Sends these credentials instead of the good ones.
    pub fn auth(mut self, auth: Auth) -> Case {
        self.auth = auth;
        self
    }

    /// A deliberately broken response: the check must fail.
    pub fn rejected(mut self) -> Case {
        self.outcome = Outcome::Rejected;
        self
    }

    /// A short description shown in failures.
    pub fn note(mut self, note: &'static str) -> Case {
        self.note = note;
        self
    }

    /// The path without the query.
    pub fn route(&self) -> &str {
        self.path.split_once('?').map_or(self.path.as_str(), |(p, _)| p)
    }
}

impl std::fmt::Display for Case {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.method, self.path)?;
        if self.auth != Auth::Good {
            write!(f, " [auth {:?}]", self.auth)?;
        }
        if let Body::Json(v) = &self.body {
            write!(f, " body {v}")?;
        }
        if !self.note.is_empty() {
            write!(f, " ({})", self.note)?;
        }
        Ok(())
    }
}

pub fn get(path: impl Into<String>) -> Case {
    Case::new(Method::GET, path, Body::Empty)
}

pub fn post(path: impl Into<String>, body: Body) -> Case {
    Case::new(Method::POST, path, body)
}

pub fn put(path: impl Into<String>, body: Value) -> Case {
    Case::new(Method::PUT, path, Body::Json(body))
}

pub fn patch(path: impl Into<String>, body: Value) -> Case {
    Case::new(Method::PATCH, path, Body::Json(body))
}

pub fn delete(path: impl Into<String>) -> Case {
    Case::new(Method::DELETE, path, Body::Empty)
}

/// A response as received.
pub struct Received {
    /// The request body as sent: JSON as is, a form as an object of strings.
    pub sent: Option<Value>,
    pub status: u16,
    pub content_type: Option<String>,
    /// Response headers, names lowercase.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// Sends cases to one sandbox, holding the Gofive and eshouhou tokens it fetched.
pub struct Wire<'a> {
    sandbox: &'a Sandbox,
    /// Every provider's spec: which provider serves a route, and how it authenticates.
    specs: Vec<(Provider, Spec)>,
    http: reqwest::Client,
    gofive_token: Option<String>,
    eshouhou_token: Option<String>,
}

fn hmac_hex(secret: &str, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}

fn md5_upper(text: &str) -> String {
    hex::encode_upper(Md5::digest(text.as_bytes()))
}

fn now_ms() -> u128 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis()).unwrap_or_default()
}

impl<'a> Wire<'a> {
    pub fn new(sandbox: &'a Sandbox) -> Wire<'a> {
        let http = reqwest::Client::builder().no_proxy().build().expect("reqwest client");
        let specs = Provider::ALL.into_iter().map(|p| (p, Spec::load(p.as_str()))).collect();
        Wire { sandbox, specs, http, gofive_token: None, eshouhou_token: None }
    }

    /// The provider whose spec declares `route`, and whether that spec authenticates with one
    /// HTTP bearer scheme only.
    fn provider_of(&self, route: &str) -> Option<(Provider, bool)> {
        self.specs.iter().find(|(_, spec)| spec.serves(route)).map(|(p, spec)| (*p, spec.bearer_only()))
    }

    /// The bearer token the sandbox accepts for `provider`: the secret variable of
    /// [`Sandbox::env`] (none when the provider's auth is off, as nd's can be).
    fn bearer_token(&self, provider: Provider) -> Option<String> {
        let secret = |name: &str| provider.facts().env.iter().any(|v| v.secret && v.name == name);
        self.sandbox.env(provider).into_iter().find(|(name, _)| secret(name)).map(|(_, value)| value)
    }

    async fn gofive_token(&mut self) -> String {
        if let Some(token) = &self.gofive_token {
            return token.clone();
        }
        let response = Box::pin(self.send(&post("/authorization/connect/token", Body::Empty))).await;
        let body: Value = serde_json::from_slice(&response.body).expect("Gofive token JSON");
        let token = body["access_token"].as_str().expect("Gofive access_token").to_owned();
        self.gofive_token = Some(token.clone());
        token
    }

    async fn eshouhou_token(&mut self) -> String {
        if let Some(token) = &self.eshouhou_token {
            return token.clone();
        }
        let response = Box::pin(self.send(&get("/api/TokenApi"))).await;
        let body: Value = serde_json::from_slice(&response.body).expect("eshouhou token JSON");
        let token = body["ResultValue"]["access_token"].as_str().expect("eshouhou access_token").to_owned();
        self.eshouhou_token = Some(token.clone());
        token
    }

    /// Sends `case` with its provider's authentication and reads the whole response.
    pub async fn send(&mut self, case: &Case) -> Received {
        let creds = self.sandbox.credentials().clone();
        let route = case.route().to_owned();
        let mut url = format!("{}{}", self.sandbox.base_url(), case.path);
        let mut add_query = |pairs: &[(&str, &str)]| {
            let encoded: String =
                url::form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish();
            url.push(if url.contains('?') { '&' } else { '?' });
            url.push_str(&encoded);
        };
        let mut headers: Vec<(String, String)> = Vec::new();
        let mut form: Option<Vec<(String, String)>> = None;
        let mut basic: Option<(String, String)> = None;
        let body_bytes: Vec<u8> = match &case.body {
            Body::Empty => Vec::new(),
            Body::Json(v) => serde_json::to_vec(v).expect("JSON body"),
            Body::Raw(text) => text.as_bytes().to_vec(),
            Body::Form(pairs) => {
                form = Some(pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect());
                Vec::new()
            }
        };
        let auth = case.auth;
        let (provider, bearer_only) =
            self.provider_of(&route).unwrap_or_else(|| panic!("case {case}: no spec declares {route}"));
        match provider {
            Provider::Pluuug => {
                // Pluuug: X-API-Key + lowercase hex HMAC-SHA256 of the exact body bytes.
                if auth != Auth::Missing {
                    let key =
                        if auth == Auth::WrongKey { "wrong-api-key" } else { creds.pluuug_api_key.as_str() };
                    let secret = if auth == Auth::WrongSecret {
                        "wrong-secret-key"
                    } else {
                        creds.pluuug_secret_key.as_str()
                    };
                    headers.push(("X-API-Key".into(), key.into()));
                    headers.push(("X-Signature".into(), hmac_hex(secret, &body_bytes)));
                }
            }
            Provider::Gofive => {
                // Gofive: APIM subscription key on every call; OAuth2 client credentials for the token.
                if auth != Auth::Missing {
                    let key = if auth == Auth::WrongKey {
                        "wrong-subscription-key"
                    } else {
                        &creds.gofive_subscription_key
                    };
                    headers.push(("Ocp-Apim-Subscription-Key".into(), key.into()));
                }
                let secret = if auth == Auth::WrongSecret {
                    "wrong-client-secret"
                } else {
                    &creds.gofive_client_secret
                };
                if route.starts_with("/authorization/") {
                    if matches!(case.body, Body::Empty) {
                        let mut pairs = vec![("grant_type".to_owned(), "client_credentials".to_owned())];
                        if auth == Auth::Basic {
                            basic = Some((creds.gofive_client_id.clone(), secret.to_owned()));
                        } else {
                            pairs.push(("client_id".into(), creds.gofive_client_id.clone()));
                            pairs.push(("client_secret".into(), secret.to_owned()));
                        }
                        form = Some(pairs);
                    }
                } else if auth != Auth::Missing {
                    let token = match auth {
                        Auth::WrongSecret | Auth::WrongKey => "not-a-token".to_owned(),
                        _ => self.gofive_token().await,
                    };
                    headers.push(("Authorization".into(), format!("Bearer {token}")));
                    headers.push(("Content-Type".into(), "application/json".into()));
                }
            }
            Provider::Eshouhou if route.starts_with("/api/TokenApi") => {
                // eshouhou: sign = uppercase hex MD5(appid + appSecret + timestamp), timestamp in ms.
                if auth != Auth::Missing {
                    let appid = if auth == Auth::WrongKey {
                        "ysh00000000000000"
                    } else {
                        creds.eshouhou_appid.as_str()
                    };
                    let secret = if auth == Auth::WrongSecret {
                        "00000000000000000000000000000000"
                    } else {
                        &creds.eshouhou_app_secret
                    };
                    let timestamp = now_ms().to_string();
                    let mut sign = md5_upper(&format!("{appid}{secret}{timestamp}"));
                    if auth == Auth::LowercaseSign {
                        sign = sign.to_lowercase();
                    }
                    add_query(&[("appid", appid), ("timestamp", &timestamp), ("sign", &sign)]);
                }
            }
            Provider::Eshouhou => {
                // eshouhou: access_token query parameter.
                if auth != Auth::Missing {
                    let token = match auth {
                        Auth::WrongSecret | Auth::WrongKey => "bm90LWEtdG9rZW4=".to_owned(),
                        _ => self.eshouhou_token().await,
                    };
                    add_query(&[("access_token", &token)]);
                }
            }
            _ => {
                // nd and any provider without hand-written authentication: the spec's one HTTP
                // bearer scheme, with the token of the sandbox's env (none when its auth is off).
                assert!(
                    bearer_only,
                    "case {case}: specs/{provider}.yaml does not authenticate by one bearer scheme; \
                     write its authentication here"
                );
                if auth != Auth::Missing
                    && let Some(token) = self.bearer_token(provider)
                {
                    let token = if matches!(auth, Auth::WrongKey | Auth::WrongSecret) {
                        "wrong-bearer-token".to_owned()
                    } else {
                        token
                    };
                    headers.push(("Authorization".into(), format!("Bearer {token}")));
                }
            }
        }

        let mut request = self.http.request(case.method.clone(), &url);
        for (name, value) in &headers {
            request = request.header(name, value);
        }
        if let Some((user, password)) = basic {
            request = request.basic_auth(user, Some(password));
        }
        request = match (&form, &case.body) {
            (Some(pairs), _) => request.form(pairs),
            (None, Body::Empty) => request,
            (None, _) => request.header("Content-Type", "application/json").body(body_bytes),
        };
        let response = request.send().await.unwrap_or_else(|e| panic!("case {case}: {e}"));
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let headers = response
            .headers()
            .iter()
            .map(|(name, value)| {
                (name.as_str().to_owned(), String::from_utf8_lossy(value.as_bytes()).into_owned())
            })
            .collect();
        let body = response.bytes().await.map(|b| b.to_vec()).unwrap_or_default();
        let sent = match (&form, &case.body) {
            (Some(pairs), _) => Some(Value::Object(
                pairs.iter().map(|(k, v)| (k.clone(), Value::String(v.clone()))).collect(),
            )),
            (None, Body::Json(v)) => Some(v.clone()),
            _ => None,
        };
        Received { sent, status, content_type, headers, body }
    }
}
