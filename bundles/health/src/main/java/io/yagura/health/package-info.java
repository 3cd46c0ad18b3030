package io.yagura.health;
