package io.yagura.response;
